/* placeholder */
#include "config.h"
typedef int cmd_summary_placeholder;
