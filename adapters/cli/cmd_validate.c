/* adapters/cli/cmd_validate.c: `advmatch validate`: report every problem of an instance file. */
#include <getopt.h>
#include <sysexits.h>

#include "cli.h"

static const char help[] =
    "usage: advmatch validate INSTANCE.json\n"
    "\n"
    "Reads INSTANCE.json (advmatch-instance/1) and lists every problem it finds, each naming\n"
    "its record and field, e.g.\n"
    "  instance.json: error: experts[17] id \"E0042\": level: unknown level \"regional\" ...\n"
    "Errors (bad bytes, JSON syntax with line and column, wrong types, duplicate ids, unknown\n"
    "references, values out of range) stop a solve; warnings (unknown keys, references to\n"
    "counties outside the instance) do not.\n"
    "\n"
    "exit status: 0 valid (warnings may be printed); 65 errors found; 66 unreadable; 64 usage.\n";

int cmd_validate(int argc, char **argv)
{
    static const struct option longs[] = {{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        if (ch != 'h')
            return cli_usage_error("validate", "unknown option");
        fputs(help, stdout);
        return 0;
    }
    if (optind != argc - 1)
        return cli_usage_error("validate", "expected one INSTANCE.json argument");
    am_instance *inst = NULL;
    int code = cli_load_instance(argv[optind], false, &inst);
    if (code == 0)
        printf("%s: valid: %d provinces, %d counties, %d experts\n", argv[optind],
               am_instance_n_provinces(inst), am_instance_n_counties(inst),
               am_instance_n_experts(inst));
    am_instance_free(inst);
    return code;
}
