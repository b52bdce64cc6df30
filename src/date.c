/* placeholder */
#include "config.h"
typedef int date_placeholder;
