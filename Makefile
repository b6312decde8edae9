# Warden: build, run and test. `make help` lists the targets.
#
# The kernel and user programs are cross-compiled for i686 with the GNU
# toolchain: i686-elf-* when installed, else Debian's i686-linux-gnu-*.

CROSS   ?= $(shell tools/cross-prefix.sh)
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
HOSTCC  ?= gcc
QEMU    ?= qemu-system-i386
HZ      ?= 100

B := build

# Freestanding i386 code: no libc, no position independence, no stack
# protector, and no FPU/SSE registers in the kernel (the FPU belongs to
# user programs). Frame pointers keep the panic backtrace readable.
COMMON_CFLAGS := -m32 -march=i686 -std=c11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-builtin -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -I. -Iinclude
KERNEL_CFLAGS := $(COMMON_CFLAGS) -mgeneral-regs-only -DHZ=$(HZ)
KERNEL_LDFLAGS := -m elf_i386 -nostdlib -z noexecstack -T linker.ld
LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)

KERNEL_SRCS := $(wildcard boot/*.S kernel/*.c kernel/*.S kernel/*/*.c kernel/*/*.S)
LIB_SRCS := $(wildcard lib/*.c)
# The service manifest's parser is for user programs only: the kernel never reads it.
KERNEL_LIB_SRCS := $(filter-out lib/manifest%,$(LIB_SRCS))
KERNEL_OBJS := $(patsubst %,$(B)/%.o,$(KERNEL_SRCS)) $(patsubst %,$(B)/kernel-%.o,$(KERNEL_LIB_SRCS))

.PHONY: all iso run run-kernel test host-tests fuzz lint bench readme debug timeline deps clean help
all: $(B)/kernel.elf $(B)/initrd.tar

help:
	@echo "make            build build/kernel.elf and build/initrd.tar (programs: build/bin/)"
	@echo "make run        boot the GRUB ISO in QEMU (serial console here)"
	@echo "make run-kernel boot build/kernel.elf directly with QEMU -kernel"
	@echo "make test       host unit tests and QEMU scenarios"
	@echo "make iso        build/os.iso, bootable with GRUB"
	@echo "make fuzz N=... SEED=...  the system call fuzzer, N calls"
	@echo "make lint       the static checks (cppcheck, clang-tidy)"
	@echo "make bench      performance figures in guest instructions (MODE=tcg: host time)"
	@echo "make readme     make bench, then its figures into README.md and docs/performance.md"
	@echo "make debug      QEMU halted at the first instruction, gdb attached (ARGS=... GDBPORT=1234)"
	@echo "make timeline   the demo's trace as build/timeline.svg (SECONDS=8)"
	@echo "make deps       install missing tools (apt-get)"
	@echo "make clean      delete build/"

# ---- the kernel ----
# HZ is compiled in: remember the last value, so that changing it
# rebuilds the file that uses it.
$(B)/hz.stamp: FORCE
	@mkdir -p $(@D)
	@echo $(HZ) | cmp -s - $@ || echo $(HZ) > $@
$(B)/kernel/main.c.o: $(B)/hz.stamp
.PHONY: FORCE
FORCE:

$(B)/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -MMD -c $< -o $@

$(B)/%.S.o: %.S
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -MMD -c $< -o $@

$(B)/kernel-lib/%.c.o: lib/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -MMD -c $< -o $@

# Two links: the first with an empty symbol table, the second with the
# table made from the first (see kernel/ksyms.c). .ksyms is the last
# section, so the addresses in the table stay true.
$(B)/ksyms-empty.S: tools/ksyms.sh
	@mkdir -p $(@D)
	@sh tools/ksyms.sh > $@

$(B)/kernel-nosyms.elf: $(KERNEL_OBJS) $(B)/ksyms-empty.S.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(B)/ksyms-empty.S.o $(LIBGCC)

$(B)/ksyms.S: $(B)/kernel-nosyms.elf tools/ksyms.sh
	@echo "  KSYMS   $@"
	@$(NM) -n $< > $(B)/kernel.nm
	@sh tools/ksyms.sh $(B)/kernel.nm > $@

$(B)/ksyms-empty.S.o: $(B)/ksyms-empty.S
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/ksyms.S.o: $(B)/ksyms.S
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/kernel.elf: $(KERNEL_OBJS) $(B)/ksyms.S.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(B)/ksyms.S.o $(LIBGCC)

# ---- user programs ----
# Every user/NAME.c and tests/programs/NAME.c is a program linked with the
# runtime (user/lib and lib/); every user/NAME.S is a bare assembly
# program linked the classic way, with ld's default script.
USER_CFLAGS := $(COMMON_CFLAGS)
USER_RT_SRCS := user/lib/crt0.S $(wildcard user/lib/*.c) $(LIB_SRCS)
USER_RT_OBJS := $(patsubst %,$(B)/user-rt/%.o,$(USER_RT_SRCS))
USER_LDFLAGS := -m elf_i386 -nostdlib -z noexecstack -T user/user.ld
PROGRAM_SRCS := $(wildcard user/*.c user/*.S tests/programs/*.c)
PROGRAM_NAMES := $(basename $(notdir $(PROGRAM_SRCS)))
PROGRAMS := $(addprefix $(B)/initrd/bin/,$(PROGRAM_NAMES))
UNSTRIPPED := $(addprefix $(B)/bin/,$(PROGRAM_NAMES))
PROGRAM_OBJS := $(patsubst %.c,$(B)/user/%.c.o,$(filter %.c,$(PROGRAM_SRCS)))
all: $(UNSTRIPPED)

$(B)/user-rt/%.o: %
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(USER_CFLAGS) -MMD -c $< -o $@

$(B)/user/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(USER_CFLAGS) -MMD -c $< -o $@

define link_program
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(LD) $(USER_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBGCC)
endef

# build/bin/NAME is the program as linked, with its debug information,
# for gdb (docs/debugging.md).
$(B)/bin/%: $(B)/user/user/%.c.o $(USER_RT_OBJS) user/user.ld
	$(link_program)
$(B)/bin/%: $(B)/user/tests/programs/%.c.o $(USER_RT_OBJS) user/user.ld
	$(link_program)
# init is the one program of several files: user/init.c and user/init/*.c.
INIT_PART_OBJS := $(patsubst %.c,$(B)/user/%.c.o,$(wildcard user/init/*.c))
$(B)/bin/init: $(INIT_PART_OBJS)
$(B)/bin/%: user/%.S
	@mkdir -p $(@D) $(B)/user
	@echo "  AS      $<"
	@$(CROSS)as --32 $< -o $(B)/user/$*.o
	@$(LD) -m elf_i386 -o $@ $(B)/user/$*.o

# The ramdisk's copy leaves the debug information out (most of a small
# program's size) but keeps the symbol table, which names functions in
# reports about a process.
$(B)/initrd/bin/%: $(B)/bin/%
	@mkdir -p $(@D)
	@echo "  STRIP   $@"
	@$(OBJCOPY) --strip-debug $< $@

# Make deletes the files it built only on the way to another ("intermediate"
# files), unless told not to. Deleting them would make the next `make`
# build them again, and everything after them.
.SECONDARY: $(PROGRAM_OBJS) $(INIT_PART_OBJS) $(USER_RT_OBJS)

# ---- real Linux programs, unchanged: Debian's busybox, and each
# tests/linux/NAME.c built twice with Debian's libraries, as NAME-glibc
# and NAME-musl (tools/deps.sh fetches them into build/deps) ----
LINUX_CC := i686-linux-gnu-gcc
LINUX_CFLAGS := -std=c11 -O2 -Wall -Wextra -Werror -static
DEPS_ROOT := $(B)/deps/root
MUSL_SPECS := $(B)/deps/musl-gcc.specs
LINUX_NAMES := $(basename $(notdir $(wildcard tests/linux/*.c)))
LINUX_PROGRAMS := $(foreach n,$(LINUX_NAMES),$(B)/initrd/bin/$(n)-glibc $(B)/initrd/bin/$(n)-musl) \
	$(B)/initrd/bin/busybox
all: $(LINUX_PROGRAMS)

# One run makes both ("&:", a grouped target): make -j must not start two.
$(DEPS_ROOT)/bin/busybox $(DEPS_ROOT)/usr/lib/i386-linux-musl/musl-gcc.specs &:
	@tools/deps.sh

# Debian's specs file names /usr; ours points into build/deps/root.
$(MUSL_SPECS): $(DEPS_ROOT)/usr/lib/i386-linux-musl/musl-gcc.specs
	@sed 's|/usr/|$(abspath $(DEPS_ROOT))/usr/|g' $< > $@

$(B)/initrd/bin/%-glibc: tests/linux/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (glibc)"
	@$(LINUX_CC) $(LINUX_CFLAGS) -o $@ $<

$(B)/initrd/bin/%-musl: tests/linux/%.c $(MUSL_SPECS)
	@mkdir -p $(@D)
	@echo "  CC      $@ (musl)"
	@$(LINUX_CC) -specs $(MUSL_SPECS) $(LINUX_CFLAGS) -o $@ $<

$(B)/initrd/bin/busybox: $(DEPS_ROOT)/bin/busybox
	@mkdir -p $(@D)
	@cp $< $@

# ---- the initial ramdisk: every program as bin/NAME, the files of
# rootfs/ (rootfs/etc/motd is /etc/motd), and the busybox scripts of the
# tests with their data (tests/busybox/features.sh is /share/tests/features.sh) ----
ROOTFS_FILES := $(shell find rootfs -type f)
ROOTFS_DIRS := $(notdir $(wildcard rootfs/*))
BUSYBOX_TEST_FILES := $(wildcard tests/busybox/*.sh tests/busybox/data/*)
# ... and init's test manifests as /share/manifests/NAME, with two big
# ones that tests/manifests/make-big.sh writes.
MANIFEST_TEST_FILES := $(wildcard tests/manifests/*)
$(B)/initrd.tar: $(PROGRAMS) $(LINUX_PROGRAMS) $(ROOTFS_FILES) $(BUSYBOX_TEST_FILES) $(MANIFEST_TEST_FILES)
	@echo "  TAR     $@"
	@rm -rf $(addprefix $(B)/initrd/,$(ROOTFS_DIRS)) $(B)/initrd/share
	@cp -R rootfs/. $(B)/initrd/
	@mkdir -p $(B)/initrd/share/tests $(B)/initrd/share/manifests
	@cp -R tests/busybox/*.sh tests/busybox/data $(B)/initrd/share/tests/
	@cp $(filter-out %.sh,$(MANIFEST_TEST_FILES)) $(B)/initrd/share/manifests/
	@sh tests/manifests/make-big.sh $(B)/initrd/share/manifests
	@tar --format=ustar -C $(B)/initrd -cf $@ bin $(ROOTFS_DIRS) share

# ---- the GRUB ISO ----
# os-test.iso is the same with "test=boot" on the kernel's command line,
# so that a scenario can boot through GRUB and see the kernel end.
iso: $(B)/os.iso
$(B)/os.iso $(B)/os-test.iso: $(B)/%.iso: $(B)/kernel.elf $(B)/initrd.tar tools/grub.cfg
	@echo "  ISO     $@"
	@rm -rf $(B)/$*; mkdir -p $(B)/$*/boot/grub
	@cp $(B)/kernel.elf $(B)/initrd.tar $(B)/$*/boot/
	@sed '$(if $(filter os-test,$*),s|^\( *multiboot .*\)$$|\1 test=boot|)' tools/grub.cfg > $(B)/$*/boot/grub/grub.cfg
	@grub-mkrescue -o $@ $(B)/$* 2> $(B)/$*.log || { cat $(B)/$*.log; exit 1; }

# ---- running ----
QEMU_FLAGS := -m 128M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
# A window when there is a display to show it, else the terminal only.
QEMU_DISPLAY := $(if $(DISPLAY),-serial stdio,-display none -serial mon:stdio)

run:
	@tools/deps.sh
	@$(MAKE) --no-print-directory iso
	$(QEMU) $(QEMU_FLAGS) $(QEMU_DISPLAY) -cdrom $(B)/os.iso || true

run-kernel:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	$(QEMU) $(QEMU_FLAGS) $(QEMU_DISPLAY) -kernel $(B)/kernel.elf \
		-initrd $(B)/initrd.tar -append "$(ARGS)" || true

# ---- tests ----
-include tests/host/Makefile.inc

host-tests: $(HOST_TESTS)

# Malformed programs for the scenarios that feed init a bad ELF file.
BAD_ELVES := $(B)/tests/truncated.elf $(B)/tests/wrong-machine.elf
$(B)/tests/truncated.elf: $(B)/initrd/bin/hello
	@mkdir -p $(@D)
	@head -c 60 $< > $@
$(B)/tests/wrong-machine.elf: $(B)/initrd/bin/hello
	@mkdir -p $(@D)
	@cp $< $@
	@printf '\076' | dd of=$@ bs=1 seek=18 conv=notrunc status=none   # e_machine = 62, x86-64

test:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all $(B)/os.iso $(B)/os-test.iso host-tests $(BAD_ELVES)
	@tools/run-tests.sh

# QEMU stopped at the first instruction with its gdb stub on port 1234
# (GDBPORT), and gdb attached with the kernel's symbols (docs/debugging.md).
# When gdb quits, QEMU is stopped by its pid. A port already taken (often
# by the QEMU of an earlier session) stops it before anything starts: gdb
# would otherwise attach to whatever listens there. Ctrl-C belongs to gdb
# (it stops the machine): QEMU runs in a session of its own, out of the
# terminal's reach, and the shell waits for gdb through it. (Make itself
# still sees the Ctrl-C and says "Interrupt" when it ends.) GDBFLAGS go to
# gdb, e.g. GDBFLAGS="-batch -ex continue" for a session without a terminal.
GDBPORT ?= 1234
debug:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@command -v gdb > /dev/null || { echo "make debug needs gdb: sudo apt-get install gdb"; exit 1; }
	@if bash -c 'exec 3<> /dev/tcp/127.0.0.1/$(GDBPORT)' 2> /dev/null; then \
		echo "make debug: port $(GDBPORT) is in use (a QEMU left from an earlier session?): stop it first"; \
		exit 1; fi
	setsid $(QEMU) $(QEMU_FLAGS) -display none -monitor none -serial file:$(B)/debug-serial.log \
		-kernel $(B)/kernel.elf -initrd $(B)/initrd.tar -append "$(ARGS)" -gdb tcp::$(GDBPORT) -S & \
	qemu=$$!; trap : INT; gdb -q -ex 'set $$gdbport = $(GDBPORT)' -x tools/gdbinit $(GDBFLAGS); \
	kill $$qemu 2> /dev/null; wait $$qemu; true

# The system call fuzzer at any length: make fuzz N=1000000 SEED=7
N ?= 1000000
SEED ?= 1
fuzz:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@echo "fuzz: $(N) calls, seed $(SEED) (QEMU exit status 1 means the kernel stayed healthy)"
	@$(QEMU) $(QEMU_FLAGS) -display none -monitor none -serial stdio -kernel $(B)/kernel.elf \
		-initrd $(B)/initrd.tar -append "init=fuzz quiet -- $(N) $(SEED)"; \
	status=$$?; echo "fuzz: QEMU exit status $$status"; [ $$status -eq 1 ]

lint:
	@tools/lint.sh

# The demo's scheduling and guardian events as a picture: build/timeline.svg
timeline:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@tools/timeline.sh $(SECONDS)

# Figures in guest instructions (MODE=tcg: host cycles, for reference).
bench:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@MODE=$(MODE) tools/bench.sh

# The performance tables of README.md and docs/performance.md, rewritten
# from the figures of this build (make test checks they agree).
readme:
	@$(MAKE) --no-print-directory bench MODE=icount
	@tools/bench-table.py --write

deps:
	tools/deps.sh

clean:
	rm -rf $(B)

-include $(shell find $(B) -path $(B)/deps -prune -o -name '*.d' -type f -print 2>/dev/null)
