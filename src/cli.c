/* placeholder */
#include "config.h"
typedef int cli_placeholder;
