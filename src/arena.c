/* placeholder */
#include "config.h"
typedef int arena_placeholder;
