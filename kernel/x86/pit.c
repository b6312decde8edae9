/*
 * The PIT's channel 0 counts down from a divisor at 1.193182 MHz and
 * raises IRQ 0 each time it wraps (OSDev "Programmable Interval Timer").
 */
#include "kernel/x86/pit.h"
#include "kernel/x86/io.h"
#include "kernel/x86/pic.h"

#define PIT_INPUT_HZ     1193182u
#define PIT_CH0_DATA     0x40
#define PIT_COMMAND      0x43
#define PIT_CH0_RATE_GEN 0x34   /* channel 0, low then high byte, mode 2 */
#define PIT_CH0_LATCH    0x00   /* latch channel 0's count for reading */
#define NS_PER_S         1000000000ull

static volatile uint64_t ticks;
static uint32_t hz, divisor;

void pit_init(uint32_t rate)
{
    if (rate < PIT_HZ_MIN)
        rate = PIT_HZ_MIN;
    if (rate > PIT_HZ_MAX)
        rate = PIT_HZ_MAX;
    hz = rate;
    divisor = (PIT_INPUT_HZ + rate / 2) / rate;
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

uint64_t pit_tick_ns(void)
{
    return NS_PER_S / hz;
}

static uint32_t read_count(void)
{
    outb(PIT_COMMAND, PIT_CH0_LATCH);
    uint32_t count = inb(PIT_CH0_DATA);
    return count | (uint32_t)inb(PIT_CH0_DATA) << 8;
}

uint64_t pit_ns(void)
{
    static uint64_t last;
    /* Interrupts are off in the kernel, so the counter may have wrapped
     * with its tick still pending at the PIC, not yet counted. Asking the
     * PIC before and after reading the counter tells which side of the
     * wrap the count is on; if the answers differ, the wrap came in
     * between: read again. */
    int before, after;
    uint32_t count;
    do {
        before = pic_pending(IRQ_TIMER);
        count = read_count();
        after = pic_pending(IRQ_TIMER);
    } while (before != after);
    uint64_t t = ticks + (uint64_t)before;
    uint64_t ns = t * pit_tick_ns() + (uint64_t)(divisor - count) * pit_tick_ns() / divisor;
    /* A tick lost entirely (interrupts off for more than a whole tick)
     * could still make a reading fall behind the one before: time never
     * goes backwards. */
    if (ns < last)
        ns = last;
    return last = ns;
}
