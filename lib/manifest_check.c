/*
 * The manifest's second pass (lib/manifest.h): once every line is read,
 * after= names are looked up, cycles found, and the start order made.
 *
 * What is refused is dropped, never guessed at: a service after an
 * unknown name, every service of a dependency cycle, and then every
 * service after a dropped one (it could never start), each with its own
 * message. The rest keep their order.
 */
#include "lib/manifest.h"
#include "lib/format.h"
#include "lib/string.h"

static int find_service(const struct manifest *m, const char *name)
{
    for (int i = 0; i < m->service_count; i++)
        if (strcmp(m->services[i].name, name) == 0)
            return i;
    return -1;
}

/* Each after= name to an index; the first unknown one drops the service. */
static void resolve_names(struct manifest *m)
{
    for (int i = 0; i < m->service_count; i++) {
        struct manifest_service *s = &m->services[i];
        for (int k = 0; k < s->after_count; k++) {
            s->after_index[k] = find_service(m, s->after[k]);
            if (s->after_index[k] < 0) {
                manifest_error(m, s->line, "service %s dropped: after %s, which is not declared",
                               s->name, s->after[k]);
                s->dropped = true;
                break;
            }
        }
    }
}

/* ---- cycles: a depth-first walk along after= ---- */

enum { UNSEEN, ON_PATH, DONE };

struct walk {
    struct manifest *m;
    int state[MANIFEST_SERVICES_MAX];
    int path[MANIFEST_SERVICES_MAX];    /* the services being walked, outermost first */
    int depth;
};

/* path[from..] then back to path[from] is a cycle: say so, drop them all. */
static void report_cycle(struct walk *w, int from)
{
    struct manifest *m = w->m;
    char text[MANIFEST_ERROR_LEN];
    size_t used = 0;
    for (int p = from; p < w->depth; p++) {
        const struct manifest_service *s = &m->services[w->path[p]];
        if (used < sizeof text)
            used += (size_t)format_buf(text + used, sizeof text - used, "%s (line %d) -> ",
                                       s->name, s->line);
        m->services[w->path[p]].dropped = true;
    }
    const struct manifest_service *first = &m->services[w->path[from]];
    manifest_error(m, first->line, "dependency cycle, dropped: %s%s", text, first->name);
}

static void visit(struct walk *w, int i)
{
    const struct manifest_service *s = &w->m->services[i];
    w->state[i] = ON_PATH;
    w->path[w->depth++] = i;
    for (int k = 0; k < s->after_count; k++) {
        int next = s->after_index[k];
        if (w->m->services[next].dropped)
            continue;                   /* refused already: said elsewhere */
        if (w->state[next] == UNSEEN) {
            visit(w, next);
        } else if (w->state[next] == ON_PATH) {
            int from = w->depth - 1;
            while (w->path[from] != next)
                from--;
            report_cycle(w, from);
        }
    }
    w->depth--;
    w->state[i] = DONE;
}

static void find_cycles(struct manifest *m)
{
    static struct walk w;               /* not on the stack: a user stack may be small */
    memset(&w, 0, sizeof w);
    w.m = m;
    for (int i = 0; i < m->service_count; i++)
        if (!m->services[i].dropped && w.state[i] == UNSEEN)
            visit(&w, i);
}

/* A service after a dropped one could never start: drop it too, until
 * nothing changes (a chain drops one link per round). */
static void drop_dependents(struct manifest *m)
{
    bool changed = true;
    while (changed) {
        changed = false;
        for (int i = 0; i < m->service_count; i++) {
            struct manifest_service *s = &m->services[i];
            for (int k = 0; k < s->after_count && !s->dropped; k++) {
                if (!m->services[s->after_index[k]].dropped)
                    continue;
                manifest_error(m, s->line, "service %s dropped: after %s, which is dropped",
                               s->name, s->after[k]);
                s->dropped = changed = true;
            }
        }
    }
}

/* Start order: again and again, the first service in file order whose
 * after= services are all started. No cycle is left, so all are placed. */
static void make_order(struct manifest *m)
{
    bool placed[MANIFEST_SERVICES_MAX] = { false };
    m->order_count = 0;
    for (int i = 0; i < m->service_count; i++) {
        const struct manifest_service *s = &m->services[i];
        bool ready = !s->dropped && !placed[i];
        for (int k = 0; k < s->after_count && ready; k++)
            ready = placed[s->after_index[k]];
        if (ready) {
            placed[i] = true;
            m->order[m->order_count++] = i;
            i = -1;                     /* from the top: an earlier one may be ready now */
        }
    }
}

void manifest_check(struct manifest *m)
{
    resolve_names(m);
    find_cycles(m);
    drop_dependents(m);
    make_order(m);
}
