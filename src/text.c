/* placeholder */
#include "config.h"
typedef int text_placeholder;
