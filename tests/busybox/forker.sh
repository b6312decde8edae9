# A service that forks a child, then faults. The child runs Warden's own
# sleep (/bin/sleep), so that ps names it "sleep". The guardian must end
# the child before it restarts the service: the second incarnation's
# first ps shows no sleep, its second ps only its own.
echo "forker: pid $$ starts; the process table:"
/bin/ps
/bin/sleep 100 &
echo "forker: forked a child; the process table:"
/bin/ps
kill -SEGV $$
echo "forker: not reached"
