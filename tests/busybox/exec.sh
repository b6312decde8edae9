# A service that replaces itself with execve: the new program keeps the
# pid and the supervision. When it faults, the guardian restarts the
# program it exec'ed (this script's line does not run again).
echo "exec: the script is pid $$"
exec busybox sh -c 'echo "exec: the exec-ed shell is pid $$; the process table:"; /bin/ps; kill -SEGV $$'
