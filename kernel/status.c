/*
 * The status band: the top rows of the VGA screen show the uptime, free
 * memory and a table of processes (state, restarts, last failure),
 * redrawn once a second by a timer deadline; the console scrolls below.
 * It reads the same listing as the `ps` program (proc_list), so what a
 * student sees on the screen and what `ps` prints always agree.
 */
#include "kernel/status.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/frame.h"
#include "kernel/proc/timer.h"
#include "kernel/dev/vga.h"
#include "kernel/x86/pit.h"
#include "abi/signal.h"
#include "lib/format.h"
#include "lib/string.h"
#include "lib/names.h"

#define BAND_ROWS    10         /* title, header, 7 processes, a rule */
#define TABLE_ROWS   (BAND_ROWS - 3)
#define REFRESH_MS   1000
#define ATTR_TITLE   (VGA_BLACK | VGA_LIGHT_CYAN << 4)
#define ATTR_HEADER  (VGA_YELLOW | VGA_BLUE << 4)
#define ATTR_ROW     (VGA_WHITE | VGA_BLUE << 4)
#define ATTR_FAILED  (VGA_LIGHT_RED | VGA_BLUE << 4)

static struct deadline refresh;
static struct proc_info list[PROC_SLOTS];

static void last_failure(const struct proc_info *p, char *buf, size_t size)
{
    const char *memory = end_reason_name(p->last_end, (int)p->last_reason);
    if (memory) {
        format_buf(buf, size, "%s", memory);
        return;
    }
    switch (p->last_end) {
    case END_EXIT:
        format_buf(buf, size, "exit %d", WEXITSTATUS(p->last_status));
        break;
    case END_WATCHDOG:
        format_buf(buf, size, "watchdog");
        break;
    case END_START_TIMEOUT:
        format_buf(buf, size, "start timeout");
        break;
    case END_SIGNAL:
    case END_FAULT:
        format_buf(buf, size, "%s", signal_name(WTERMSIG(p->last_status)));
        break;
    default:
        format_buf(buf, size, "-");
    }
}

/* One row, padded to the full width so that old text is overwritten. */
static void row(int r, uint8_t attr, const char *text)
{
    char line[VGA_COLS + 1];
    format_buf(line, sizeof line, "%-80s", text);
    vga_write_at(r, 0, line, attr);
}

static void draw(struct deadline *d)
{
    char text[VGA_COLS + 1], why[16];
    uint32_t up = (uint32_t)pit_ms() / 1000;
    format_buf(text, sizeof text, " Warden  up %u:%02u:%02u  free %u KiB  processes %d/%d",
               up / 3600, up / 60 % 60, up % 60, frame_free_count() * 4,
               proc_count(), proc_limit());
    row(0, ATTR_TITLE, text);
    row(1, ATTR_HEADER, "   PID NAME             STATE    INC RESTARTS LAST FAILURE");
    int n = proc_list(list, PROC_SLOTS);
    for (int i = 0; i < TABLE_ROWS; i++) {
        if (i >= n) {
            row(2 + i, ATTR_ROW, "");
            continue;
        }
        const struct proc_info *p = &list[i];
        last_failure(p, why, sizeof why);
        format_buf(text, sizeof text, " %5d %-16s %-8s %3u %8u %s", p->pid, p->name,
                   pstate_name(p->state), p->incarnation, p->restarts, why);
        row(2 + i, p->last_end ? ATTR_FAILED : ATTR_ROW, text);
    }
    format_buf(text, sizeof text, n > TABLE_ROWS ? " ... and %d more (ps lists all)" : "",
               n - TABLE_ROWS);
    row(BAND_ROWS - 1, ATTR_HEADER, text);
    timer_arm(d, timer_tick_after_ms(REFRESH_MS));
}

void status_init(void)
{
    vga_reserve_top(BAND_ROWS);
    refresh.fire = draw;
    draw(&refresh);
}
