/* ls: the files of the ramdisk, with their sizes, by name. (The kernel
 * lists them in the order of the ramdisk's archive.) */
#include "user/lib/runtime.h"

static void sort_by_path(struct file_info *files, int n)
{
    for (int i = 1; i < n; i++) {
        struct file_info f = files[i];
        int j = i;
        for (; j > 0 && strcmp(files[j - 1].path, f.path) > 0; j--)
            files[j] = files[j - 1];
        files[j] = f;
    }
}

int main(void)
{
    static struct file_info files[FILES_MAX];
    int n = listfiles(files, FILES_MAX);
    sort_by_path(files, n);
    for (int i = 0; i < n; i++)
        printf("%8u  %s\n", files[i].size, files[i].path);
    return n < 0;
}
