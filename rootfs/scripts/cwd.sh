# The working directory in Debian's busybox sh, and the calls under it:
# getcwd, chdir, relative paths, sendfile (busybox cat), and a redirection
# the read-only ramdisk refuses (tests/scenarios/busybox_cwd.scn).
echo "start: $(pwd)"
cd /etc
echo "cd /etc: $(pwd), PWD=$PWD"
busybox cat hostname
cd ..
echo "cd ..: $(pwd)"
cd ..
echo "cd .. at /: $(pwd)"
cd etc/../bin
echo "cd etc/../bin: $(pwd)"
[ -x ./busybox ] && echo "./busybox is executable"
./busybox echo "run as ./busybox from $(busybox pwd)"
cd -
cd /etc
(cd /bin; echo "a subshell: $(pwd)")
echo "after the subshell: $(pwd)"
cd motd || echo "cd motd: status $?"
cd /nosuch || echo "cd /nosuch: status $?"
echo "still in $(busybox pwd)"
busybox ls
busybox wc -l motd
busybox head -n 2 motd | busybox tail -n 1
busybox realpath ../bin/../etc/./hostname
busybox cat < motd | busybox grep -c Warden
exec 3< hostname
busybox cat <&3
echo saved > out.txt
echo "the redirection failed: status $?"
busybox mkdir new 2>&1
busybox touch motd 2>&1
busybox rm -f hostname 2>&1
busybox id
busybox nproc
echo done
