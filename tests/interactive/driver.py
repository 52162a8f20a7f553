"""Driving `sme-assess run` like a person: keys through prompt_toolkit pipe input under
Typer's CliRunner (with what the prompts drew captured as text), or a real pseudo-terminal."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from typer.testing import CliRunner

from sme_assess.cli import app

DOWN, UP, ENTER, SPACE, CTRL_C, BACKSPACE = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x7f"


class Screen(PlainTextOutput):
    """What prompt_toolkit draws, as plain text, on a terminal of the given size."""

    def __init__(self, columns: int = 200, rows: int = 50) -> None:
        self.text = io.StringIO()
        super().__init__(self.text)
        self.size = Size(rows=rows, columns=columns)

    def get_size(self) -> Size:
        return self.size


@contextmanager
def terminal(keys: str, columns: int = 200) -> Iterator[io.StringIO]:
    """A prompt_toolkit session whose keyboard is ``keys``; the pipe closes when they run out,
    so a missing key ends the run (exit 130) instead of hanging. Yields what the prompts drew
    (plain text, every redraw)."""
    screen = Screen(columns)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=screen):
        pipe.send_text(keys)
        pipe.close()
        yield screen.text


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str
    output: str
    prompts: str  # what questionary drew


def run(args: list[str], keys: str, env: dict[str, str] | None = None) -> Ran:
    with terminal(keys) as screen:
        result = CliRunner().invoke(
            app, ["run", *args], env={"COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
        )
    output = result.output + (
        ""
        if result.exception is None or isinstance(result.exception, SystemExit)
        else repr(result.exception)
    )
    return Ran(result.exit_code, result.stdout, result.stderr, output, screen.getvalue())


def down(n: int) -> str:
    return DOWN * n


# --- one run in a real pseudo-terminal ----------------------------------------------------


def terminal_env() -> dict[str, str]:
    """The environment of a program run in a real terminal (``Pty``): the size comes from the
    terminal itself, never from COLUMNS/LINES, and not as if `make run` started it."""
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8"}
    for var in ("COLUMNS", "LINES", "SME_ASSESS_VIA_MAKE"):
        env.pop(var, None)
    return env


class Pty:
    """Just enough of pexpect: spawn in a pseudo-terminal, wait for text, type keys.

    Everything the program draws also goes through a terminal emulator (pyte) of the same
    size, so a test can read the screen as a person sees it (``display``)."""

    def __init__(
        self, args: list[str], cwd: Path, env: dict[str, str], rows: int = 50, cols: int = 250
    ) -> None:
        import pty

        import pyte

        self.master, slave = pty.openpty()
        # by default a wide window, so that prompts are not wrapped in the middle of what we
        # look for
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.set_blocking(self.master, False)
        self.proc = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True
        )
        os.close(slave)
        self.seen = ""
        self.everything = ""
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.Stream(self.screen)

    @property
    def display(self) -> list[str]:
        """The screen now, one string per row."""
        return list(self.screen.display)

    def flat(self) -> str:
        """The screen's text with each row's indent and padding taken out and the rows joined:
        a wrapped sentence reads whole (Chinese has no spaces between words)."""
        return "".join(row.strip() for row in self.display)

    def wait_screen(self, text: str, timeout: float = 20) -> None:
        """Wait until ``text`` is on the screen (rows joined as by ``flat``)."""
        end = time.monotonic() + timeout
        while text not in self.flat():
            if time.monotonic() > end:
                shown = "\n".join(row.rstrip() for row in self.display)
                raise AssertionError(f"{text!r} is not on the screen:\n{shown}")
            self._read(0.2)
        time.sleep(0.1)  # let the prompt finish drawing
        self._read()

    def expect(self, text: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while text not in self.seen:
            if time.monotonic() > end:
                raise AssertionError(f"did not see {text!r}; screen so far:\n{self.seen[-2000:]}")
            self._read(0.2)
        self.seen = self.seen[self.seen.index(text) + len(text) :]

    def next_prompt(
        self, markers: list[str], timeout: float = 20, first: tuple[str, ...] = ()
    ) -> str:
        """Wait for any marker; return the one that appears last in what was printed, or one
        of ``first`` when it appeared."""
        end = time.monotonic() + timeout
        while True:
            found = [(self.seen.rfind(m), m) for m in markers if m in self.seen]
            if found:
                time.sleep(0.05)  # let the prompt finish drawing
                self._read()
                found = [(self.seen.rfind(m), m) for m in markers if m in self.seen]
                _, marker = max(found)
                # a prompt's own instruction follows its message: the message decides
                marker = next((m for m in markers if m in self.seen and m in first), marker)
                self.seen = ""
                return marker
            if time.monotonic() > end:
                raise AssertionError(f"no prompt; screen so far:\n{self.seen[-2000:]}")
            self._read(0.2)

    def _read(self, wait: float = 0.0) -> None:
        ready, _, _ = select.select([self.master], [], [], wait)
        if ready:
            with contextlib.suppress(OSError):
                text = os.read(self.master, 65536).decode("utf-8", "replace")
                self._stream.feed(text)
                # answer "where is the cursor?" as a terminal would, or every prompt waits
                for _ in range(text.count("\x1b[6n")):
                    row, col = self.screen.cursor.y + 1, self.screen.cursor.x + 1
                    os.write(self.master, f"\x1b[{row};{col}R".encode())
                self.seen += text
                self.everything += text

    def resize(self, rows: int, cols: int) -> None:
        """The window resized, as a terminal does it: the new size, then SIGWINCH."""
        import signal

        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen.resize(rows, cols)
        self.proc.send_signal(signal.SIGWINCH)

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def wait(self, timeout: float = 60) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self._read(0.2)
        code = self.proc.wait(timeout=1)
        # what the process wrote just before it ended may still sit in the terminal's buffer:
        # read until nothing more comes (a busy machine made "[exit N]" go missing)
        for _ in range(50):
            before = len(self.everything)
            self._read(0.05)
            if len(self.everything) == before:
                break
        return code
