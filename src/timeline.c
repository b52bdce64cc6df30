/* placeholder */
#include "config.h"
typedef int timeline_placeholder;
