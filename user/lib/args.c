/*
 * Checking a program's arguments, with one wording for every program:
 * "sleep: abc: not a number", "wc: nosuchfile: no such file".
 */
#include "user/lib/runtime.h"

int number_arg(const char *prog, const char *word, int32_t min, int32_t max, int32_t *out)
{
    int r = parse_number(word, min, max, out);
    if (r < 0)
        dprintf(2, "%s: %s: %s\n", prog, word, number_error(r));
    return r < 0 ? -1 : 0;
}

/* Is path (absolute, or relative to the root) a file of the ramdisk? */
static int ramdisk_has(const char *path)
{
    struct file_info *files = malloc(FILES_MAX * sizeof *files);
    int n = files ? listfiles(files, FILES_MAX) : 0, found = 0;
    const char *want = path[0] == '/' ? path + 1 : path;
    for (int i = 0; i < n && !found; i++) {
        const char *have = files[i].path[0] == '/' ? files[i].path + 1 : files[i].path;
        found = strcmp(have, want) == 0;
    }
    free(files);
    return found;
}

int refuse_file_arg(const char *prog, const char *path)
{
    if (!ramdisk_has(path))
        dprintf(2, "%s: %s: %s\n", prog, path, error_text(ENOENT));
    else
        dprintf(2, "%s: %s: cannot read files: the kernel has no open call "
                   "(ls lists them; pipe data in instead)\n", prog, path);
    return 1;
}
