# Shared helpers for the guest scripts (sourced).

# ovrm_opt KEY [DEFAULT]: value of openvrm.KEY=VALUE from the kernel command
# line, else from SMBIOS OEM strings (libvirt <sysinfo><oemStrings>), else DEFAULT.
ovrm_opt() {
  _v=$(tr ' ' '\n' < /proc/cmdline | sed -n "s/^openvrm\.$1=//p" | tail -n 1)
  if [ -z "$_v" ] && [ -r /sys/firmware/dmi/tables/DMI ]; then
    _v=$(strings -n 4 /sys/firmware/dmi/tables/DMI | sed -n "s/^openvrm\.$1=//p" | tail -n 1)
  fi
  echo "${_v:-$2}"
}

# ovrm_agent_port: /dev/vportNpM whose name is org.qemu.guest_agent.0
ovrm_agent_port() {
  for _n in /sys/class/virtio-ports/*/name; do
    [ -r "$_n" ] || continue
    if [ "$(cat "$_n" 2>/dev/null)" = org.qemu.guest_agent.0 ]; then
      _p=${_n%/name}
      echo "/dev/${_p##*/}"
      return 0
    fi
  done
  return 1
}

ovrm_say() { echo "openvrm-guest: $*" > /dev/console; }
