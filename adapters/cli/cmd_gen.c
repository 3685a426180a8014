/* adapters/cli/cmd_gen.c: `advmatch gen`: write a realistic generated instance. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "advmatch/am_gen.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "cli.h"

static const char help[] =
    "usage: advmatch gen --counties N --experts M [--seed S] [--province CODE] [-o FILE]\n"
    "\n"
    "Writes a generated advmatch-instance/1 document: N real program counties (codes and names\n"
    "from the official list of poverty-lifted counties, key support counties left out), their\n"
    "provinces and eastern partner provinces, and M experts with Chinese names, real-sounding\n"
    "organisations and fields from each province's industry profile. The same N, M, S and\n"
    "province always give the same bytes.\n"
    "\n"
    "  --counties N      number of counties (default 30)\n"
    "  --experts M       size of the expert pool (default 600)\n"
    "  --seed S          random seed (default 1)\n"
    "  --province CODE   only counties of this province (2-digit code, e.g. 52)\n"
    "  -o, --output FILE where to write (default standard output)\n"
    "\n"
    "exit status: 0 written; 64 usage; 65 impossible request (e.g. more counties than exist).\n";

int cmd_gen(int argc, char **argv)
{
    static const struct option longs[] = {{"counties", required_argument, 0, 'c'},
                                          {"experts", required_argument, 0, 'e'},
                                          {"seed", required_argument, 0, 's'},
                                          {"province", required_argument, 0, 'p'},
                                          {"output", required_argument, 0, 'o'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    am_gen_params p;
    am_gen_params_init(&p);
    const char *output = "-";
    long v;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "o:h", longs, NULL)) != -1) {
        switch (ch) {
        case 'h': fputs(help, stdout); return 0;
        case 'o': output = optarg; break;
        case 'p': p.province = optarg; break;
        case 'c':
        case 'e':
        case 's':
            if (cli_parse_long(optarg, &v) != 0 || (ch != 's' && (v < 1 || v > 10000000)))
                return cli_usage_error("gen", "--%s wants a whole number%s, not \"%s\"",
                                       ch == 'c' ? "counties" : ch == 'e' ? "experts" : "seed",
                                       ch == 's' ? "" : " >= 1", optarg);
            if (ch == 'c')
                p.n_counties = (int)v;
            else if (ch == 'e')
                p.n_experts = (int)v;
            else
                p.seed = (uint64_t)v;
            break;
        default: return cli_usage_error("gen", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error("gen", "unexpected argument \"%s\"", argv[optind]);
    am_error err = {0};
    am_instance *inst = NULL;
    am_status st = am_gen_instance(&p, &inst, &err);
    if (st != AM_OK) {
        cli_print_error(&err);
        return cli_exit_code(st, false);
    }
    am_sink *s = am_sink_new();
    int code = EX_SOFTWARE;
    if (s) {
        am_json_write_instance(inst, s);
        size_t len;
        const char *data = am_sink_data(s, &len);
        code = am_sink_status(s) == AM_OK ? cli_write_file(output, data, len) : EX_SOFTWARE;
        am_sink_free(s);
    }
    am_instance_free(inst);
    return code;
}
