/* SPDX-License-Identifier: MIT */
/* tlv export and tlv import (cmd_export.c); see export.h for the formats. */
#ifndef TLV_CMD_EXPORT_H
#define TLV_CMD_EXPORT_H

/* tlv export --format FMT [filters] [FILE|DIR ...]: to stdout. */
int	 cmd_export(int argc, char **argv);
/* tlv import --from timelinejs FILE.json: tlv YAML to stdout. */
int	 cmd_import(int argc, char **argv);

#endif
