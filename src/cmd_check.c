/* placeholder */
#include "config.h"
typedef int cmd_check_placeholder;
