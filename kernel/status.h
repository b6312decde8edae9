/* The live status band at the top of the VGA screen. */
#ifndef KERNEL_STATUS_H
#define KERNEL_STATUS_H

/* Reserve the band and start refreshing it every second. */
void status_init(void);

#endif
