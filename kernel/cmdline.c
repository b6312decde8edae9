/*
 * The command line is split once into words. QEMU's -kernel loader puts
 * the kernel's own path first ("build/kernel.elf hz=250"; GRUB 2 does
 * not), so a first word containing '/' and no '=' is skipped. Words after "--" are init's arguments.
 *
 * A word NAME=value whose NAME is capital letters, digits and '_'
 * (starting with a letter) is a variable for init's environment, not a
 * kernel option: the kernel's own options are all lower case (init=,
 * hz=, ...), so the two can never be confused.
 */
#include "kernel/cmdline.h"
#include "kernel/multiboot.h"
#include "lib/string.h"
#include "lib/words.h"

#define MAX_WORDS 32

static char line_copy[BOOT_CMDLINE_MAX];
static char *words[MAX_WORDS];
static int nwords;

void cmdline_init(const char *line)
{
    strlcpy(line_copy, line, sizeof line_copy);
    nwords = split_words(line_copy, words, MAX_WORDS);
    if (nwords > 0 && strchr(words[0], '/') && !strchr(words[0], '=')) {
        for (int i = 1; i < nwords; i++)
            words[i - 1] = words[i];
        nwords--;
    }
}

/* The kernel's own words end at "--". */
static int kernel_words(void)
{
    for (int i = 0; i < nwords; i++)
        if (strcmp(words[i], "--") == 0)
            return i;
    return nwords;
}

int cmdline_init_args(const char **out, int max)
{
    int n = 0;
    for (int i = kernel_words() + 1; i < nwords && n < max; i++)
        out[n++] = words[i];
    return n;
}

/* Is word NAME=value with NAME like "LANG" or "MY_VAR2"? */
static int is_env_word(const char *word)
{
    if (*word < 'A' || *word > 'Z')
        return 0;
    for (; *word != '='; word++)
        if (!((*word >= 'A' && *word <= 'Z') || (*word >= '0' && *word <= '9') || *word == '_'))
            return 0;
    return 1;
}

int cmdline_env(const char **out, int max)
{
    int n = 0;
    for (int i = 0; i < kernel_words() && n < max; i++)
        if (is_env_word(words[i]))
            out[n++] = words[i];
    return n;
}

const char *cmdline_get(const char *key)
{
    size_t len = strlen(key);
    for (int i = 0; i < kernel_words(); i++) {
        if (strncmp(words[i], key, len) != 0)
            continue;
        if (words[i][len] == '=')
            return words[i] + len + 1;
        if (words[i][len] == '\0')
            return words[i] + len;
    }
    return 0;
}

uint32_t cmdline_uint(const char *key, uint32_t dflt)
{
    const char *v = cmdline_get(key);
    if (!v || !*v)
        return dflt;
    uint32_t n = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9' || n > (UINT32_MAX - (uint32_t)(*v - '0')) / 10)
            return dflt;
        n = n * 10 + (uint32_t)(*v - '0');
    }
    return n;
}
