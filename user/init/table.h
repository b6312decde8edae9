/*
 * init's table of services, shared by user/init/services.c (which
 * starts, watches and stops them) and user/init/status.c (which shows
 * them): the inside of one module, not a public face.
 */
#ifndef USER_INIT_TABLE_H
#define USER_INIT_TABLE_H

#include "user/init/services.h"
#include "lib/manifest.h"

struct service {
    const struct manifest_service *decl;
    enum service_state state;
    int pid;                        /* while started: its pid */
    int pidfd;                      /* while STARTING: polled for POLLPRI; else -1 */
    uint32_t ready_incarnation;     /* the incarnation init saw say ready() */
    int answer;                     /* while STOPPING: the svc answer to end, or -1 */
    bool start_again;               /* while STOPPING: svc restart */
};

extern struct manifest manifest;
extern struct service table[MANIFEST_SERVICES_MAX];     /* as manifest.services[] */
extern const char *const service_state_names[];         /* by enum service_state */

static inline bool is_running(const struct service *s)
{
    return s->state == SERVICE_STARTING || s->state == SERVICE_UP ||
           s->state == SERVICE_STOPPING;
}

#endif
