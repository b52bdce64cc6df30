/* placeholder */
#include "config.h"
typedef int diag_placeholder;
