/* placeholder */
#include "config.h"
typedef int yamlio_placeholder;
