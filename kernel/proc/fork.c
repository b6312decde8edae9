/*
 * fork and execve: the Linux way to start a program, beside Warden's
 * spawn (docs/linux.md, part E).
 *
 * fork copies the caller: every private page of its address space gets
 * a frame of the child's own (charged to the child's account, under its
 * memory limit), the shared read-only code pages stay shared, and the
 * child gets the descriptors, the TLS descriptors, the program, argv,
 * environment, umask and name. The child is an ordinary, unsupervised
 * child of the caller: a fork of a service is one of its descendants,
 * ended before the service restarts, like a spawned child.
 *
 * execve builds the new image in a fresh address space beside the old
 * one, charged to the same account, and switches only once it is
 * complete: a failure leaves the caller as it was. The process keeps its
 * pid, parent, group and supervision; its kept program becomes the new
 * one, so a guardian restart starts the program it exec'ed.
 */
#include "kernel/proc/proc.h"
#include "kernel/proc/exec.h"
#include "kernel/proc/sched.h"
#include "kernel/mm/oom.h"
#include "kernel/fs/file.h"
#include "kernel/trace.h"
#include "kernel/x86/mmu.h"
#include "abi/errno.h"
#include "lib/string.h"


/* What the child has of the parent besides its memory. */
static void copy_process(struct proc *child, struct proc *parent)
{
    struct exec_args program = { parent->args, parent->args_len, parent->argc,
                                 parent->env, parent->env_len, parent->envc };
    memcpy(child->name, parent->name, sizeof child->name);
    proc_keep_program(child, parent->file, &program);
    child->umask = child->spawn_umask = parent->umask;
    child->cwd = child->spawn_cwd = parent->cwd;
    memcpy(child->tls, parent->tls, sizeof child->tls);
    child->image_lo = parent->image_lo;
    child->brk_base = parent->brk_base;
    child->brk = parent->brk;
    child->heap_top = parent->heap_top;
    child->maps = parent->maps;
    if (fpu_owner == parent)
        fpu_save(&parent->fpu);         /* its registers are in the FPU */
    child->fpu = parent->fpu;
    fd_copy(child->fds, parent->fds, 0);
    child->cloexec = parent->cloexec;
    signal_fork(child, parent);
    child->incarnation = 1;
}

/* The child returns from the same call, with 0: the parent's trap frame,
 * and a context under it that the scheduler's switch lands on. */
static void child_frames(struct proc *child, struct proc *parent)
{
    struct trapframe *tf = proc_user_frame(child);
    *tf = *proc_user_frame(parent);
    tf->eax = 0;
    struct context *ctx = (struct context *)tf - 1;
    memset(ctx, 0, sizeof *ctx);
    ctx->eip = (uint32_t)trap_return;
    child->context = ctx;
}

/* Give back a child that could not be made. */
static void undo_child(struct proc *child)
{
    fd_close_all(child->fds);
    proc_unlink_child(child);
    proc_free_slot(child);
}

int proc_fork(uint32_t ctid, uint32_t clear_tid)
{
    struct proc *parent = current;
    if (proc_count() >= proc_limit())
        return -EAGAIN;
    int err;
    struct proc *child = proc_alloc_slot(&err);
    if (!child)
        return err;
    copy_process(child, parent);
    proc_link_child(parent, child);
    mem_account_setup(child, 0);        /* unsupervised: the default limit */
    pde_t *pgdir = vm_create(&child->mem);
    if (!pgdir) {
        undo_child(child);
        return -ENOMEM;
    }
    /* child->pgdir stays 0 while it is copied: the out-of-memory choice
     * never picks a half-made process. */
    if (vm_copy_space(pgdir, parent->pgdir, parent->image_lo, parent->heap_top) < 0) {
        vm_destroy(pgdir, parent->image_lo, parent->heap_top);
        undo_child(child);
        return -ENOMEM;
    }
    child->pgdir = pgdir;
    if (ctid)                           /* checked writable by the caller */
        vm_write(pgdir, ctid, &child->pid, sizeof child->pid);
    child->tid_address = clear_tid;
    child_frames(child, parent);
    sched_enqueue(child);
    trace_event("fork", child, "%d", parent->pid);
    return child->pid;
}

/* Free the old address space, whose frames are all of the account but
 * the new image's: they move to a scratch account first, so that both
 * counts stay exact. */
static void free_old_space(struct proc *p, pde_t *old, uint32_t old_frames)
{
    struct mem_account scratch = { .frames = old_frames };
    vm_set_account(old, &scratch);
    p->mem.frames -= old_frames;
    vm_destroy(old, p->image_lo, p->heap_top);
}

/* Close the descriptors marked close-on-exec. */
static void close_on_exec(struct proc *p)
{
    for (int fd = 0; fd < NOFILE; fd++) {
        if ((p->cloexec & (1u << fd)) && p->fds[fd]) {
            file_close(p->fds[fd]);
            p->fds[fd] = 0;
        }
    }
    p->cloexec = 0;
}

int proc_exec(const char *path, const struct exec_args *a)
{
    struct proc *p = current;
    const struct file *f;
    const char *why;
    int r = 0;
    if (strcmp(path, PROC_SELF_EXE) == 0)
        f = p->file;
    else if ((r = exec_lookup(&p->cwd, path, &f)) < 0)
        return r;
    if (exec_check(f, &why) < 0)
        return -ENOEXEC;
    uint32_t old_frames = p->mem.frames;
    struct exec_image img;
    r = exec_load(f, a, &p->mem, &img);
    if (r < 0)
        return r;
    /* Complete: from here on nothing fails. */
    pde_t *old = p->pgdir;
    p->pgdir = img.pgdir;
    vm_activate(img.pgdir);
    free_old_space(p, old, old_frames);
    p->image_lo = img.image_lo;
    p->brk_base = p->brk = p->heap_top = img.brk;
    mmap_reset(&p->maps);
    stash_drop(p);                      /* another program: its memory is another's */
    proc_keep_program(p, f, a);
    proc_set_name(p, f->path);
    close_on_exec(p);
    signal_exec(p);
    memset(p->tls, 0, sizeof p->tls);
    p->tid_address = 0;
    gdt_set_tls(p->tls);
    fpu_clean_state(&p->fpu);
    if (fpu_owner == p)
        fpu_owner = 0;
    fpu_trap_next_use(1);
    proc_enter_program(p, &img);
    trace_event("exec", p, "%s", f->path);
    return 0;
}
