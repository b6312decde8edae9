# A service that faults at once: the guardian restarts it in place, and
# Warden's ps shows the same pid with the next incarnation each time.
echo "segv: pid $$ starts; the process table:"
/bin/ps
kill -SEGV $$
echo "segv: not reached"
