"""A private Varnish in front of the app servers, for the tests, make bench and make soak.

    varnish.install_if_missing()            # Debian's varnish and varnish-modules (xkey)
    cache = Varnish(6081, [("127.0.0.1", 8001), ("127.0.0.1", 8002)]).start()
    cache.url                                # http://127.0.0.1:6081
    cache.purge(["a:12", "home"], soft=True) # what core/purge.py sends; returns how many went
    cache.stop()

`Varnish(port, backends, log=path, purgers=("127.0.0.1", "::1"))`: varnishd's output goes to
`log`; only `purgers` may purge.

Each instance runs Debian's varnishd in the foreground (-F) under this process, with the
project's VCL (core/varnish/newsroom.vcl) and a backends file written for it in a folder of
its own under /tmp (also its working folder, -n), 256 MB of memory for objects, nothing on
disk. `check_vcl()` compiles the VCL without starting anything.
"""

import glob
import http.client
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "core" / "varnish" / "newsroom.vcl"
BACKENDS = "newsroom-backends.vcl"
VARNISHD = Path("/usr/sbin/varnishd")
XKEY = "/usr/lib/*/varnish/vmods/libvmod_xkey.so"
PURGERS = ("127.0.0.1", "::1")


def installed():
    return VARNISHD.exists() and bool(glob.glob(XKEY))


def install_if_missing():
    """Install Debian's varnish and varnish-modules when either is missing; True once there."""
    if not installed():
        print("varnish: installing Debian's varnish and varnish-modules…", flush=True)
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "varnish", "varnish-modules"]
        for command in (["apt-get", "update", "-qq"], install):
            if subprocess.run(command, env=environment, stdout=subprocess.DEVNULL).returncode:
                break
    return installed()


def backends_vcl(backends, purgers=PURGERS):
    """The site's part of the VCL: the app servers, the `app` director, the `purgers` ACL."""
    lines = ["# Written by scripts/varnish.py.", "import directors;", ""]
    for number, (host, port) in enumerate(backends, 1):
        lines += [
            f"backend app{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .connect_timeout = 1s;",
            "    .first_byte_timeout = 30s;",
            "}",
        ]
    lines += ["", "acl purgers {", *(f'    "{address}";' for address in purgers), "}", ""]
    lines += ["sub vcl_init {", "    new app = directors.round_robin();"]
    lines += [f"    app.add_backend(app{number});" for number in range(1, len(backends) + 1)]
    return "\n".join([*lines, "}", ""])


def write_vcl(backends, purgers=PURGERS):
    """A new folder under /tmp holding the project's VCL and its backends file, readable by
    the unprivileged user varnishd compiles and runs as."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    folder.chmod(0o755)
    shutil.copy(VCL, folder / VCL.name)
    (folder / BACKENDS).write_text(backends_vcl(backends, purgers))
    for path in folder.iterdir():
        path.chmod(0o644)
    return folder


def check_vcl(backends=(("127.0.0.1", 8000),)):
    """Compile the project's VCL (varnishd -C): (return code, the compiler's messages)."""
    folder = write_vcl(backends)
    try:
        command = [str(VARNISHD), "-C", *arguments(folder)]
        result = subprocess.run(command, capture_output=True, text=True)
        return result.returncode, result.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def arguments(folder):
    """varnishd's working folder (-n), where includes are found, and the VCL to load."""
    return ["-n", str(folder / "instance"),
            "-p", f"vcl_path={folder}:/etc/varnish:/usr/share/varnish/vcl",
            "-f", str(folder / VCL.name)]  # fmt: skip


class Varnish:
    """One varnishd listening on 127.0.0.1:`port`, round-robin over `backends` (host, port)."""

    def __init__(self, port, backends, *, log=None, purgers=PURGERS):
        self.port = port
        self.backends = list(backends)
        self.purgers = purgers  # the addresses allowed to purge
        self.folder = None
        self.log = log
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.folder = write_vcl(self.backends, self.purgers)
        command = [str(VARNISHD), "-F", "-a", f"127.0.0.1:{self.port}", "-s", "malloc,256m",
                   *arguments(self.folder)]  # fmt: skip
        output = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        finally:
            if self.log:
                output.close()  # varnishd has its own copy
        self._wait_until_ready()
        return self

    def _wait_until_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            if self._answers():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnishd did not start on port {self.port} (see its log)")

    def _answers(self):
        try:  # a purge without keys: answered by Varnish itself (400), no app server asked
            self.request("PURGE", "/")
            return True
        except OSError:
            return False

    def request(self, method, path, headers=None):
        """One request to this Varnish: the response (status, reason, headers), body read."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            response.body = response.read()
            return response
        finally:
            connection.close()

    def purge(self, keys, soft=True):
        """Drop the objects tagged with any of `keys` (soft: kept in grace); how many went."""
        header = "xkey-softpurge" if soft else "xkey-purge"
        response = self.request("PURGE", "/", {header: " ".join(keys)})
        if response.status != 200:
            raise RuntimeError(f"varnish refused the purge: {response.status} {response.reason}")
        return int(response.reason.removeprefix("Purged "))

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # varnishd -F stops its child and exits
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
