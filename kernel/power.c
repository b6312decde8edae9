/*
 * Power off: first the isa-debug-exit port, which ends QEMU with a status
 * a test can read; then ACPI shutdown as QEMU's and Bochs's chipsets
 * accept it without parsing ACPI tables (OSDev "Shutdown"); then halt.
 */
#include "kernel/power.h"
#include "kernel/dev/console.h"
#include "kernel/x86/io.h"

#define DEBUG_EXIT_PORT      0xF4
#define QEMU_ACPI_PM1A_CNT   0x604
#define BOCHS_ACPI_PM1A_CNT  0xB004
#define ACPI_SLP_EN_S5       0x2000

void power_off(int value)
{
    cli();
    console_drain();            /* what is still in the output ring */
    outb(DEBUG_EXIT_PORT, (uint8_t)value);
    outw(QEMU_ACPI_PM1A_CNT, ACPI_SLP_EN_S5);
    outw(BOCHS_ACPI_PM1A_CNT, ACPI_SLP_EN_S5);
    for (;;)
        hlt();
}
