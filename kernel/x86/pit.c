/*
 * The PIT's channel 0 counts down from a divisor at 1.193182 MHz and
 * raises IRQ 0 each time it wraps (OSDev "Programmable Interval Timer").
 */
#include "kernel/x86/pit.h"
#include "kernel/x86/io.h"

#define PIT_INPUT_HZ     1193182u
#define PIT_CH0_DATA     0x40
#define PIT_COMMAND      0x43
#define PIT_CH0_RATE_GEN 0x34   /* channel 0, low then high byte, mode 2 */

static volatile uint64_t ticks;
static uint32_t hz;

void pit_init(uint32_t rate)
{
    if (rate < PIT_HZ_MIN)
        rate = PIT_HZ_MIN;
    if (rate > PIT_HZ_MAX)
        rate = PIT_HZ_MAX;
    hz = rate;
    uint32_t divisor = (PIT_INPUT_HZ + rate / 2) / rate;
    outb(PIT_COMMAND, PIT_CH0_RATE_GEN);
    outb(PIT_CH0_DATA, divisor & 0xFF);
    outb(PIT_CH0_DATA, divisor >> 8);
}

void pit_tick(void)
{
    ticks++;
}

uint64_t pit_ticks(void)
{
    return ticks;
}

uint32_t pit_hz(void)
{
    return hz;
}

uint64_t pit_ms(void)
{
    return ticks * 1000 / hz;
}
