/* ls: the files of the ramdisk, with their sizes. */
#include "user/lib/runtime.h"

int main(void)
{
    static struct file_info files[128];
    int n = listfiles(files, 128);
    for (int i = 0; i < n; i++)
        printf("%8u  %s\n", files[i].size, files[i].path);
    return n < 0;
}
