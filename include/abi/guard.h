/*
 * The guardian's ABI: how a supervisor asks for supervision (struct
 * guard_spec, passed to spawn), and what the kernel reports back (the
 * event log and the process listing).
 */
#ifndef ABI_GUARD_H
#define ABI_GUARD_H

#include <stdint.h>

#define GUARD_NAME_LEN 16     /* a process's or a group's name, with its NUL */

#define RESTART_NEVER       0
#define RESTART_ON_FAILURE  1
#define RESTART_ALWAYS      2

struct guard_spec {
    uint32_t restart;          /* RESTART_* */
    uint32_t max_restarts;     /* intensity: at most this many restarts ... */
    uint32_t window_ms;        /* ... within this sliding window */
    uint32_t backoff_ms;       /* delay before a restart; 0 = at once */
    uint32_t backoff_max_ms;   /* the delay doubles per consecutive failure, up to this cap */
    uint32_t heartbeat_ms;     /* 0 = no watchdog; else heartbeat() at least this often */
    /* Appended later: a caller that sets only the fields above leaves these 0. */
    uint32_t mem_limit_kb;     /* the most memory it may own; 0 = the default (memlimit=) */
    uint32_t flags;            /* GUARD_* below */
    uint32_t stop_ms;          /* graceful stop: SIGKILL this long after the supervisor's
                                  SIGTERM; 0 = GUARD_STOP_DEFAULT_MS */
    uint32_t ready_ms;         /* start timeout: ready() within this; 0 = readiness not asked */
    uint32_t retry_ms;         /* after a give-up, start again this much later; 0 = never */
    uint32_t group;            /* a group of the caller's from group_create(); 0 = none */
    char     name[GUARD_NAME_LEN];  /* the service's name in the log, ps and the status
                                       band, kept by every restart; "" = the program's */
};

#define GUARD_STOP_DEFAULT_MS  1000

/* spec.flags */
#define GUARD_CRITICAL  0x1    /* never chosen when memory runs out (as init is) */
#define GUARD_QUIET     0x2    /* no console line for its guardian events; the log keeps them */
#define GUARD_FLAGS     (GUARD_CRITICAL | GUARD_QUIET)   /* any other bit: -EINVAL */

/* Limits on a spec; outside them spawn returns -EINVAL. */
#define GUARD_MAX_RESTARTS   100     /* within one window */
#define GUARD_MAX_MS         (24u * 3600 * 1000)    /* a day */
#define GUARD_MAX_MEM_KB     (4u * 1024 * 1024)     /* 4 GiB: more than any machine here */

/*
 * Groups (Erlang/OTP's supervisor strategies). A supervisor creates a
 * group with group_create() and spawns services into it (spec.group).
 * When a member is to be restarted, the strategy says which members go
 * with it: they are stopped gracefully in reverse start order, then all
 * restarted in start order. The group has its own intensity; past it,
 * every member is stopped and the supervisor ends with END_ESCALATED.
 */
#define STRATEGY_ONE_FOR_ONE  0     /* the member alone (what a service without a group gets) */
#define STRATEGY_ONE_FOR_ALL  1     /* every member */
#define STRATEGY_REST_FOR_ONE 2     /* the member and those started after it */

struct guard_group_spec {
    char     name[GUARD_NAME_LEN];  /* 1-15 characters, for the log and ps */
    uint32_t strategy;          /* STRATEGY_* */
    uint32_t max_restarts;      /* the group's intensity: at most this many group restarts ... */
    uint32_t window_ms;         /* ... within this window */
};

#define GUARD_GROUPS_MAX       32   /* groups in the machine */
#define GUARD_GROUP_MEMBERS    16   /* members in a group */

/* Why an incarnation ended. */
#define END_EXIT       1       /* exit(status) */
#define END_SIGNAL     2       /* kill(pid, sig) */
#define END_FAULT      3       /* a CPU exception: see vector */
#define END_WATCHDOG   4       /* missed its heartbeat */
#define END_OOM        5       /* SIGKILL: chosen when the machine ran out of memory */
#define END_START_TIMEOUT 6    /* SIGKILL: no ready() within the spec's ready_ms */
#define END_ESCALATED  7       /* SIGKILL: a group of this supervisor's gave up (event.group) */

/* What else the kernel knows about an end (guard_event.reason). */
#define REASON_NONE       0
#define REASON_MEM_LIMIT  1    /* END_FAULT: its stack grew past its memory limit */
#define REASON_NO_MEMORY  2    /* DECIDE_RETRY: no memory for the restart */
#define REASON_AFTER_TERM 3    /* DECIDE_STOPPED: it ended by itself after the SIGTERM */
#define REASON_STOP_KILL  4    /* DECIDE_STOPPED: SIGKILL when the stop timeout (delay_ms) ran out */
/* A stop by a group's strategy has DECIDE_STOPPED with event.group set. */

/* What the guardian did about it. */
#define DECIDE_EXIT      1     /* not supervised, or a clean end: reaped normally */
#define DECIDE_RESTART   2     /* restart (after delay_ms) */
#define DECIDE_GAVE_UP   3     /* too many restarts in the window: ends for good */
#define DECIDE_STOPPED   4     /* stopped deliberately by its supervisor or an ancestor */
#define DECIDE_RETRY     5     /* the restart found no memory: tried again after delay_ms */
#define DECIDE_RETRY_LATER 6   /* too many restarts, but spec.retry_ms: a fresh start after delay_ms */
#define DECIDE_GROUP_RESTART 7 /* restarted with its group: event.others are stopped and restarted too */
#define DECIDE_ESCALATE  8     /* its group gave up: every member stopped, the supervisor ends */
#define DECIDE_UPDATE    9     /* stopped for a live update: the new program (others) starts */
#define DECIDE_ROLLBACK 10     /* the new program failed on probation: the old one (others)
                                  starts again */

/* Live update: without ready_ms, the new program must run this long. */
#define UPDATE_PROBATION_DEFAULT_MS 1000

#define GUARD_OTHERS_LEN 64
#define GUARD_CHAIN_LEN  8     /* return addresses in a crash or hang report */
#define GUARD_PROGRAM_LEN 32   /* the program file's path, with its NUL */
#define GUARD_EVENTS_MAX 128   /* the log keeps the newest this many */

struct guard_event {
    uint32_t seq;               /* 1, 2, 3 ... since boot */
    uint32_t time_ms;           /* since boot */
    int32_t  pid;
    char     name[GUARD_NAME_LEN];
    uint32_t incarnation;       /* 1 for the first start */
    uint8_t  end;               /* END_* */
    uint8_t  decision;          /* DECIDE_* */
    uint8_t  signal;            /* END_SIGNAL, END_FAULT, END_WATCHDOG */
    uint8_t  vector;            /* END_FAULT: the CPU exception */
    int32_t  status;            /* Linux-encoded wait status of this end */
    uint32_t error_code, eip, cr2;  /* END_FAULT */
    uint32_t eax, ebx, ecx, edx;    /* END_FAULT: the registers at the fault */
    uint32_t esi, edi, ebp, esp;
    uint32_t delay_ms;          /* DECIDE_RESTART; REASON_STOP_KILL: the stop timeout */
    uint32_t restarts;          /* restarts within the window, this one included */
    uint32_t max_restarts, window_ms;
    uint32_t reason;            /* REASON_* */
    char     group[GUARD_NAME_LEN];     /* the group it is in, "" if none */
    uint32_t strategy;          /* the group's STRATEGY_* */
    char     others[GUARD_OTHERS_LEN];  /* DECIDE_GROUP_RESTART: the other members going
                                           with it, "a, b, c" (cut short with "...");
                                           END_ESCALATED: the group that gave up;
                                           DECIDE_UPDATE, DECIDE_ROLLBACK: the program
                                           that starts */
    uint32_t flags;             /* EVENT_* */
    /* END_FAULT and END_WATCHDOG: the call chain at the fault or the kill,
     * walked from ebp through the stack's frames: chain[0] is where the
     * function at eip returns to, then its caller's return, and so on. */
    uint32_t chain[GUARD_CHAIN_LEN];
    uint32_t chain_len;         /* 0 when the frames could not be followed */
    char     program[GUARD_PROGRAM_LEN];    /* the program file, "/bin/crash", for
                                               its symbols; "" when the path is longer */
    uint32_t esp_word;          /* END_FAULT, END_WATCHDOG: the word at esp, the return
                                   address of a function without a frame (lib/leafcall.h) */
};

#define EVENT_BY_GROUP  0x1     /* DECIDE_STOPPED: stopped by its group's strategy */

/* Process states, as proclist reports them. */
#define PSTATE_RUNNABLE  1
#define PSTATE_RUNNING   2
#define PSTATE_SLEEPING  3
#define PSTATE_BACKOFF   4      /* waiting out a restart delay */
#define PSTATE_ZOMBIE    5
#define PSTATE_STARTING  6      /* running, but not ready() yet (spec.ready_ms) */
#define PSTATE_RETRYING  7      /* gave up; starts again after spec.retry_ms */
#define PSTATE_STOPPING  8      /* ended; waits for its supervised children to stop */

struct proc_info {
    int32_t  pid, ppid, pgid;
    char     name[GUARD_NAME_LEN];
    uint8_t  state;             /* PSTATE_* */
    uint8_t  supervised;        /* 1 when spawned with a spec */
    uint8_t  restart;           /* RESTART_* */
    uint8_t  last_end;          /* END_* of the last failure, 0 if none */
    int32_t  last_status;       /* its wait status */
    uint32_t incarnation;
    uint32_t restarts;          /* since spawn */
    uint32_t cpu_ticks;
    uint32_t frames;            /* memory it owns: pages, tables, kernel stack */
    uint32_t mem_limit_kb;      /* the most it may own (frames * 4 never exceeds it) */
    uint32_t last_reason;       /* REASON_* of the last failure */
    uint32_t group_id;          /* the group it is in (group_create's number), 0 if none */
    char     group[GUARD_NAME_LEN];
    uint8_t  ready;             /* this incarnation called ready() */
    uint8_t  strategy;          /* its group's STRATEGY_* */
    uint8_t  on_probation;      /* a live update's new program, not yet confirmed */
    uint8_t  pad;
    char     program[GUARD_NAME_LEN];   /* the program file it runs (its last path part) */
};

#endif
