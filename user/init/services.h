/*
 * init's services (user/init/services.c): the manifest read into a
 * table, each service started once what it is after= is ready, stopped
 * on request and at the end in reverse dependency order.
 */
#ifndef USER_INIT_SERVICES_H
#define USER_INIT_SERVICES_H

#include <stdbool.h>
#include "user/lib/runtime.h"

/* Where a service is, as init sees it (ps and svc add the kernel's view). */
enum service_state {
    SERVICE_WAITING,        /* not started: waits for what it is after */
    SERVICE_STARTING,       /* spawned with ready=: waits for its ready() */
    SERVICE_UP,             /* spawned, and ready (or not asked to be) */
    SERVICE_STOPPED,        /* stopped by svc stop or at shutdown */
    SERVICE_ENDED,          /* ended for good by itself (exit 0, or given up on) */
    SERVICE_FAILED,         /* never started: no program, or a dependency that cannot be */
    SERVICE_STOPPING,       /* svc stop sent SIGTERM: init waits for the end, doing its work */
};

/* What init's messages start with: "init", or a nested init's service
 * name ("sub:"), so that two inits on one console can be told apart. */
extern char init_name[GUARD_NAME_LEN];

/* Read the manifest file and print its errors; create its groups. */
void services_load(const char *file);
/* Start every waiting service whose dependencies are ready. */
void services_start_ready(void);
/* The pidfds to poll (services waiting for their ready()): how many
 * were put in fds, at most max. */
int services_poll_fds(struct pollfd *fds, int max);
/* After a poll: note the services whose pidfds said ready. */
void services_check_ready(const struct pollfd *fds, int n);
/* A child ended for good (from waitpid): true when it was a service. */
bool services_reaped(int pid, int status);
/* Stop every service, in reverse dependency order, gracefully. */
void services_stop_all(void);

/* For the control requests (user/init/control.c): -1 when unknown. */
int services_find(const char *name);
/* Stop one: SIGTERM, and CONTROL_LATER (the answer follows its end,
 * and with start_again, svc restart, it is started again), or 1 when
 * it is not running. Start one: 0, or -1. What happened goes into the
 * answer (control_reply) too. */
int services_stop(int index, bool start_again);
int services_start(int index);
/* In user/init/status.c:
 * svc status NAME: init's and the kernel's view of it, and the report of
 * its last crash or hang (user/init/status.c). */
int services_status(int index);
/* svc update NAME PATH: a live update of it to the program at PATH; 1
 * when it is not running, or stopping. */
int services_update(int index, const char *path);
/* One line a service: name, state, pid, incarnation, restarts, ready, last failure, group. */
void services_list(void);

#endif
