/*
 * The process table and the start of a process's life: spawning, loading
 * (and reloading) its program. Blocking and waking is kernel/proc/sleep.c;
 * how a process ends, kernel/proc/exit.c.
 *
 * Free slots are kept on a list, so spawning never scans the table.
 * Each slot owns a kernel stack for good (kstack_get), so a process that
 * ends can keep running on its stack until it switches away for the
 * last time, even if its slot is already free.
 */
#include "kernel/proc/proc.h"
#include "kernel/proc/exec.h"
#include "kernel/mm/oom.h"
#include "kernel/proc/env.h"
#include "kernel/guard/guardian.h"
#include "kernel/guard/group.h"
#include "kernel/proc/sched.h"
#include "kernel/panic.h"
#include "kernel/dev/console.h"
#include "kernel/trace.h"
#include "kernel/fs/file.h"
#include "kernel/proc/pid.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/mmu.h"
#include "abi/errno.h"
#include "lib/string.h"

#define EFLAGS_RESERVED  0x002      /* bit 1 is always set */
#define DEFAULT_UMASK    022        /* init's: others may not write */

static struct proc table[PROC_SLOTS];
static struct proc *free_slots;     /* linked through sibling */
static int limit, nprocs;
static uint64_t next_serial = 1;    /* never reused, unlike pids and slots */

struct proc *fpu_owner;

void proc_init(uint32_t max)
{
    limit = (max == 0 || max > PROC_SLOTS) ? PROC_DEFAULT : (int)max;
    for (int i = limit - 1; i >= 0; i--) {
        table[i].sibling = free_slots;
        free_slots = &table[i];
    }
}

/* A free slot with its kernel stack and a fresh pid; NULL with *err set
 * to -ENOMEM (no memory for the stack) or -EAGAIN (no pid left). */
struct proc *proc_alloc_slot(int *err)
{
    struct proc *p = free_slots;
    *err = -ENOMEM;
    if (!p)
        return 0;
    uint32_t kstack_top = kstack_get((int)(p - table));
    if (!kstack_top)
        return 0;
    int pid = pid_alloc();
    *err = -EAGAIN;
    if (!pid)
        return 0;
    free_slots = p->sibling;
    memset(p, 0, __builtin_offsetof(struct proc, sigt));   /* sigt: see signal.h */
    p->kstack_top = kstack_top;
    p->pid = pid;
    p->serial = next_serial++;
    nprocs++;
    return p;
}

uint64_t proc_serial_mark(void)
{
    return next_serial;
}

/* The slot may be the current process's: ended as a descendant, from an
 * interrupt. It goes on running on the slot's kernel stack until
 * proc_trap_exit switches away for good; that is safe because the stack
 * stays mapped with the slot, and no interrupt path allocates a slot. */
void proc_free_slot(struct proc *p)
{
    guardian_detach(p);
    group_release_owned(p);
    p->end_pending = 0;             /* it may be current, ended by an ancestor */
    p->state = P_FREE;
    p->pid = 0;
    p->sibling = free_slots;
    free_slots = p;
    nprocs--;
}

int proc_slot(const struct proc *p)
{
    return (int)(p - table);
}

struct proc *proc_find(int pid)
{
    if (pid <= 0)
        return 0;
    for (int i = 0; i < limit; i++)
        if (table[i].state != P_FREE && table[i].pid == pid)
            return &table[i];
    return 0;
}

/* A name from a path: its last part. */
static void name_of(char name[PROC_NAME_LEN], const char *path)
{
    const char *slash = strrchr(path, '/');
    strlcpy(name, slash ? slash + 1 : path, PROC_NAME_LEN);
}

void proc_set_name(struct proc *p, const char *path)
{
    name_of(p->name, path);
}

struct trapframe *proc_user_frame(struct proc *p)
{
    return (struct trapframe *)(p->kstack_top - sizeof(struct trapframe));
}

void proc_enter_program(struct proc *p, const struct exec_image *img)
{
    struct trapframe *tf = proc_user_frame(p);
    memset(tf, 0, sizeof *tf);
    tf->cs = SEG_UCODE;
    tf->ds = tf->es = tf->fs = tf->gs = tf->user_ss = SEG_UDATA;
    tf->eflags = EFLAGS_IF | EFLAGS_RESERVED;
    tf->eip = img->entry;
    tf->user_esp = img->user_esp;
}

/*
 * Fill the trap frame at the top of p's kernel stack so that trap_return
 * "returns" to the program's entry point in ring 3. A process that is
 * not running also gets a context under the frame whose saved eip is
 * trap_return, so the scheduler's context_switch lands there. (The
 * current process is running on that stack: it simply returns from its
 * trap through the new frame.)
 */
static void prepare_frames(struct proc *p, const struct exec_image *img)
{
    proc_enter_program(p, img);
    if (p == current)
        return;
    struct trapframe *tf = proc_user_frame(p);
    struct context *ctx = (struct context *)tf - 1;
    memset(ctx, 0, sizeof *ctx);
    ctx->eip = (uint32_t)trap_return;
    p->context = ctx;
}

int proc_start(struct proc *p)
{
    struct exec_image img;
    struct exec_args a = { p->args, p->args_len, p->argc, p->env, p->env_len, p->envc };
    int r = exec_load(p->file, &a, &p->mem, &img);
    if (r < 0)
        return r;
    p->pgdir = img.pgdir;
    p->image_lo = img.image_lo;
    p->brk_base = p->brk = p->heap_top = img.brk;
    mmap_reset(&p->maps);
    if ((r = stash_restore(p)) < 0) {
        stash_take(p);              /* kept for a later try */
        vm_destroy(p->pgdir, p->image_lo, p->heap_top);
        p->pgdir = 0;
        return r;
    }
    p->incarnation++;
    fd_close_all(p->fds);           /* every incarnation starts with the  */
    fd_copy(p->fds, p->spawn_fds, 0);   /* descriptors it was spawned with */
    p->cloexec = 0;
    if (!p->guard)                  /* only a supervised process restarts: */
        fd_close_all(p->spawn_fds); /* others hold no second reference */
    fpu_clean_state(&p->fpu);
    if (fpu_owner == p)
        fpu_owner = 0;
    /* prctl may have renamed the last one */
    const struct guard_spec *spec = guardian_spec(p);
    proc_set_name(p, spec && spec->name[0] ? spec->name : p->file->path);
    p->umask = p->spawn_umask;
    p->cwd = p->spawn_cwd;
    memset(p->tls, 0, sizeof p->tls);   /* no TLS until the program asks */
    p->tid_address = 0;
    signal_reset(p);                /* every disposition the default */
    if (p == current)
        gdt_set_tls(p->tls);
    prepare_frames(p, &img);
    if (p == current) {
        p->state = P_RUNNING;
        vm_activate(p->pgdir);
        fpu_trap_next_use(1);
    } else {
        sched_enqueue(p);
    }
    guardian_started(p);
    trace_event("start", p, "%u", p->incarnation);
    return 0;
}

void proc_link_child(struct proc *parent, struct proc *child)
{
    child->parent = parent;
    child->pgid = parent ? parent->pgid : child->pid;   /* init leads group 1 */
    child->sid = parent ? parent->sid : child->pid;     /* and session 1 */
    if (parent) {
        child->sibling = parent->children;
        parent->children = child;
    }
}

void proc_unlink_child(struct proc *child)
{
    struct proc *parent = child->parent;
    if (!parent)
        return;
    for (struct proc **c = &parent->children; *c; c = &(*c)->sibling) {
        if (*c == child) {
            *c = child->sibling;
            break;
        }
    }
    child->parent = 0;
}

void proc_keep_program(struct proc *p, const struct file *f, const struct exec_args *a)
{
    p->file = f;
    memcpy(p->args, a->args, a->args_len);
    p->args_len = a->args_len;
    p->argc = a->argc;
    memcpy(p->env, a->env, a->env_len);
    p->env_len = a->env_len;
    p->envc = a->envc;
}

int proc_spawn(struct proc *parent, const char *path, const struct exec_args *a,
               const struct guard_spec *spec)
{
    struct node root = node_root();
    const struct file *f;
    int r = exec_find(parent ? &parent->cwd : &root, path, &f);
    if (r < 0)
        return r;
    if (spec && (r = guardian_check_spec(spec, parent)) < 0)
        return r;
    if (nprocs >= limit)
        return -EAGAIN;
    int err;
    struct proc *p = proc_alloc_slot(&err);
    if (!p)
        return err;
    proc_set_name(p, path);
    proc_keep_program(p, f, a);
    p->spawn_umask = parent ? parent->umask : DEFAULT_UMASK;
    p->spawn_cwd = parent ? parent->cwd : root;
    proc_link_child(parent, p);
    if (parent)
        fd_copy(p->spawn_fds, parent->fds, parent->cloexec);
    else
        fd_console(p->spawn_fds);   /* init: the console on 0, 1 and 2 */
    if (spec)
        guardian_attach(p, spec);   /* (proc_start names it for its spec) */
    mem_account_setup(p, spec);
    r = proc_start(p);
    if (r < 0) {
        fd_close_all(p->spawn_fds);
        proc_unlink_child(p);
        proc_free_slot(p);
        return r;
    }
    return p->pid;
}

int proc_start_init(const char *path, const char *const *argv, int argc,
                    const char *const *env, int envc)
{
    static char args[SPAWN_MAX_ARGLEN], env_buf[ENV_MAX_LEN];
    struct exec_args a = { .args = args, .argc = argc };
    if (pack_strings(argv, argc, args, sizeof args, &a.args_len) < 0)
        return -E2BIG;
    env_for_init(env, envc, &a, env_buf);
    struct node root = node_root();
    const struct file *f;
    int r = exec_lookup(&root, path, &f);
    const char *why = r == -EACCES ? "not a file" : "no such file";
    if (r < 0 || exec_check(f, &why) < 0) {
        kprintf("init: cannot run %s: %s\n", path, why);
        return r < 0 ? r : -ENOEXEC;
    }
    struct guard_spec spec = {
        .restart = RESTART_ON_FAILURE, .max_restarts = 3, .window_ms = 10000,
    };
    return proc_spawn(0, path, &a, &spec);
}

/* ---- questions about processes ---- */

struct proc *proc_at(int slot)
{
    return &table[slot];
}

int proc_is_descendant(const struct proc *p, const struct proc *ancestor)
{
    for (; p; p = p->parent)
        if (p == ancestor)
            return 1;
    return 0;
}

int proc_count(void)
{
    return nprocs;
}

int proc_limit(void)
{
    return limit;
}

static uint8_t visible_state(const struct proc *p)
{
    if (p->awaiting_children)
        return PSTATE_STOPPING;
    static const uint8_t states[] = {
        [P_RUNNABLE] = PSTATE_RUNNABLE, [P_RUNNING] = PSTATE_RUNNING,
        [P_SLEEPING] = PSTATE_SLEEPING, [P_BACKOFF] = PSTATE_BACKOFF,
        [P_ZOMBIE] = PSTATE_ZOMBIE,
    };
    return states[p->state];
}

int proc_list(struct proc_info *out, int max)
{
    int n = 0;
    for (int i = 0; i < limit && n < max; i++) {
        const struct proc *p = &table[i];
        if (p->state == P_FREE)
            continue;
        struct proc_info *info = &out[n++];
        memset(info, 0, sizeof *info);
        info->pid = p->pid;
        info->ppid = p->parent ? p->parent->pid : 0;
        info->pgid = p->pgid;
        strlcpy(info->name, p->name, sizeof info->name);
        if (p->file)
            name_of(info->program, p->file->path);
        info->state = visible_state(p);
        info->incarnation = p->incarnation;
        info->cpu_ticks = p->cpu_ticks;
        info->frames = p->mem.frames + p->mem.kept + KSTACK_SIZE / PAGE_SIZE;
        info->mem_limit_kb = mem_limit_kb(p);
        guardian_describe(p, info);
    }
    return n;
}

void proc_check(void)
{
    int used = 0, runnable = 0, free_count = 0;
    for (int i = 0; i < limit; i++) {
        used += table[i].state != P_FREE;
        runnable += table[i].state == P_RUNNABLE;
    }
    for (struct proc *p = free_slots; p && free_count <= limit; p = p->sibling)
        free_count++;
    if (used != nprocs || used + free_count != limit)
        panic("proc_check: %d slots used, count says %d, %d free of %d",
              used, nprocs, free_count, limit);
    if (runnable != sched_queue_length())
        panic("proc_check: %d runnable, run queue holds %d", runnable, sched_queue_length());
    for (int i = 0; i < limit; i++) {           /* the counted frames are the mapped ones */
        const struct proc *p = &table[i];
        uint32_t mapped = p->pgdir ? vm_frames(p->pgdir) : 0;
        if (p->state != P_FREE && p->mem.frames != mapped)
            panic("proc_check: %s[%d] counts %u frames, %u are mapped",
                  p->name, p->pid, p->mem.frames, mapped);
        if (p->state != P_FREE)
            stash_check(p);
    }
}

/* #NM: the current process touched the FPU while another process's
 * registers were in it (see kernel/x86/fpu.c). Swap them. */
void proc_fpu_claim(void)
{
    fpu_trap_next_use(0);
    if (fpu_owner == current)
        return;
    if (fpu_owner)
        fpu_save(&fpu_owner->fpu);
    fpu_restore(&current->fpu);
    fpu_owner = current;
}
