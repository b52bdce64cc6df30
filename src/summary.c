/* placeholder */
#include "config.h"
typedef int summary_placeholder;
