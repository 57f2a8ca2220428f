"""Benchmark: the whole pipeline on corpora of N reports, against a read-and-split-only baseline.

    .venv/bin/python benchmarks/run.py                       # 300, 3,000 and 30,000 reports
    .venv/bin/python benchmarks/run.py --sizes 300 --workers 1

For each size it builds a corpus from the Factbook reports (benchmarks/corpus.py: distinct ids,
lightly varied text, deterministic given --seed), then prints

- the baseline: read every report and split it into sentences with the pipeline's own splitter
  (tipfacts.stages.ingest.split_sentences), nothing else, in this one process;
- the full build (tipfacts.stages.build.build, cache off), per stage: wall time, CPU time (this process
  and every process under it: the forkserver and the extraction workers, sampled every 10 ms), peak
  RSS (the sum over those processes), reports/s and MB of text/s, and the pipeline's throughput as
  a ratio of the baseline's;
- the incremental rerun: a full build with the cache on, then one report added and the build rerun
  into the same output folder, its time beside the full build's.

Not run by pytest. Everything goes to a temporary folder (or --work) that is removed unless --keep.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import make_corpus  # noqa: E402

from tipfacts.params import Params  # noqa: E402
from tipfacts.stages import build as runner  # noqa: E402
from tipfacts.stages.ingest import split_sentences  # noqa: E402

DEFAULT_SOURCE = HERE.parent.parent / "shared" / "corpus" / "factbook"
MB = 1e6


@dataclasses.dataclass
class Measure:
    wall: float = 0.0
    cpu: float = 0.0
    peak_rss: int = 0


def _cpu() -> float:
    """CPU seconds of this process."""
    t = os.times()
    return t.user + t.system


def _tree(proc: psutil.Process) -> tuple[int, dict[int, float]]:
    """RSS of this process and all its descendants (the forkserver and the extraction workers it forks),
    and each descendant's CPU seconds so far."""
    total, cpu = proc.memory_info().rss, {}
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
            times = child.cpu_times()
            cpu[child.pid] = times.user + times.system
    return total, cpu


def _reset_peak() -> None:
    """Linux: restart this process's VmHWM (peak RSS) so each stage gets its own."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _own_peak() -> int:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


class Meter:
    """Wall, CPU and peak RSS (process + children, sampled every 10 ms) of `with meter.stage(name)` blocks."""

    def __init__(self) -> None:
        self.stages: dict[str, Measure] = {}
        self._proc = psutil.Process()
        self._current: Measure | None = None
        self._child_cpu: dict[int, float] = {}
        self._sampler_cpu = 0.0  # CPU seconds the sampling itself took (in this process, not the pipeline's)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            if self._current is not None:
                clock = time.thread_time()
                self._take(self._current)
                self._sampler_cpu += time.thread_time() - clock

    def _take(self, m: Measure) -> None:
        with contextlib.suppress(psutil.Error):
            rss, cpu = _tree(self._proc)
            m.peak_rss = max(m.peak_rss, rss)
            self._child_cpu.update(cpu)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        m = self.stages[name] = Measure()
        _reset_peak()
        self._child_cpu = {}
        self._take(m)
        before = dict(self._child_cpu)
        self._current = m
        wall, cpu, sampling = time.perf_counter(), _cpu(), self._sampler_cpu
        try:
            yield
        finally:
            m.wall = time.perf_counter() - wall
            self._take(m)
            self._current = None
            children = sum(t - before.get(pid, 0.0) for pid, t in self._child_cpu.items())
            # psutil's walk of the process tree every 10 ms costs this process CPU in proportion to the wall
            # time (so to the machine's load): it is not the pipeline's, and is left out
            m.cpu = _cpu() - cpu + children - (self._sampler_cpu - sampling)
            m.peak_rss = max(m.peak_rss, _own_peak())

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def baseline(raw: Path) -> tuple[int, int]:
    """Read every report and split it into sentences with the pipeline's splitter; (sentences, bytes)."""
    n_sentences = n_bytes = 0
    for path in sorted(raw.glob("*.txt")):
        data = path.read_bytes()
        n_bytes += len(data)
        n_sentences += len(split_sentences(data.decode("utf-8")))
    return n_sentences, n_bytes


def _row(name: str, m: Measure, n: int, mb: float) -> str:
    rate = n / m.wall if m.wall else float("inf")
    mbs = mb / m.wall if m.wall else float("inf")
    return (
        f"  {name:<10} {m.wall:8.2f} s {m.cpu:8.2f} s {m.peak_rss / 2**20:9.0f} MiB {rate:10.0f} rep/s {mbs:7.2f} MB/s"
    )


def run_size(n: int, args: argparse.Namespace, work: Path, out: list[str]) -> None:
    def say(line: str = "") -> None:
        print(line, flush=True)
        out.append(line)

    raw = work / f"corpus-{n}"
    shutil.rmtree(raw, ignore_errors=True)
    text_bytes = make_corpus(args.source, raw, n, args.seed)
    mb = text_bytes / MB
    say(
        f"== {n:,} reports, {mb:.1f} MB of text (seed {args.seed}, workers {args.workers or os.cpu_count()}; "
        f"load average {os.getloadavg()[0]:.2f}) =="
    )

    meter = Meter()
    try:
        with meter.stage("baseline"):
            baseline(raw)
        base = meter.stages.pop("baseline")
        say(f"  {'stage':<10} {'wall':>10} {'CPU':>10} {'peak RSS':>13} {'reports/s':>16} {'text':>12}")
        say(_row("baseline", base, n, mb) + "   (read + split_sentences only, 1 process)")

        params = Params(
            raw_dir=raw, out_dir=work / f"out-{n}", work_dir=work / f"work-{n}", cache=False, workers=args.workers
        )
        clock = time.perf_counter()
        with _profiled(args.profile, n):
            runner.build(params, stage=meter.stage)
        total = Measure(
            wall=time.perf_counter() - clock,
            cpu=sum(m.cpu for m in meter.stages.values()),
            peak_rss=max(m.peak_rss for m in meter.stages.values()),
        )
        for name, m in meter.stages.items():
            say(_row(name, m, n, mb))
        say(_row("pipeline", total, n, mb))
        say(
            f"  pipeline throughput = {base.wall / total.wall:.2f} x the baseline's "
            f"(target >= 0.33); peak RSS {total.peak_rss / 2**30:.2f} GiB"
        )

        if args.incremental:
            params = dataclasses.replace(params, cache=True, out_dir=work / f"out-inc-{n}")
            clock = time.perf_counter()
            runner.build(params)
            cold = time.perf_counter() - clock
            _add_one(args.source, raw)
            meter.stages.clear()
            clock = time.perf_counter()
            summary = runner.build(params, stage=meter.stage)
            rerun = time.perf_counter() - clock
            stages = ", ".join(f"{k} {m.wall:.2f}/{m.cpu:.2f}s" for k, m in meter.stages.items())
            cpu = sum(m.cpu for m in meter.stages.values())
            say(
                f"  incremental: full build with cache {cold:.2f} s; +1 report rerun {rerun:.2f} s wall, "
                f"{cpu:.2f} s CPU ({summary.extracted} extracted, {summary.validated} validated afresh; "
                f"wall/CPU: {stages})"
            )
            say(
                f"  rerun = {100 * rerun / total.wall:.1f}% of the full build without cache, "
                f"{100 * rerun / cold:.1f}% of the full build with cache; CPU: {100 * cpu / total.cpu:.1f}% of the "
                f"full build's (target < 5%; load {os.getloadavg()[0]:.2f})"
            )
        if args.dvc:
            _dvc_rerun(args, raw, work / f"project-{n}", say)
    finally:
        meter.close()
        if not args.keep:
            for folder in work.glob(f"*-{n}"):
                shutil.rmtree(folder, ignore_errors=True)
    say()


@contextlib.contextmanager
def _profiled(folder: Path | None, n: int) -> Iterator[None]:
    """pyinstrument around the full build (this process; with --workers 1 that includes extraction)."""
    if folder is None:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"profile-{n}.txt").write_text(profiler.output_text(unicode=False, color=False), encoding="utf-8")
        (folder / f"profile-{n}.html").write_text(profiler.output_html(), encoding="utf-8")


def _dvc_rerun(args: argparse.Namespace, raw: Path, project: Path, say: Callable[[str], None]) -> None:
    """`dvc repro` in a git clone of this project whose raw/ (tracked in git) is the corpus: a full run,
    then one report added and a rerun, each timed with the load average beside it."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    cpu: dict[str, float] = {}
    # Every process under the command, sampled (a stage's extraction workers are children of a forkserver that
    # the stage process does not wait for, so getrusage(RUSAGE_CHILDREN) would leave their CPU out).
    meter = Meter()

    def run(*cmd: str) -> float:
        """Wall seconds of the command; its CPU seconds (with every process under it) into cpu[cmd[1]]."""
        with meter.stage(cmd[1]):
            subprocess.run(cmd, cwd=project, env=env, check=True, capture_output=True)
        cpu[cmd[1]] = meter.stages[cmd[1]].cpu
        return meter.stages[cmd[1]].wall

    shutil.rmtree(project, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(HERE.parent), str(project)], check=True)
    shutil.rmtree(project / "raw")
    shutil.copytree(raw, project / "raw", ignore=shutil.ignore_patterns("zz-added-report.*"))  # added below
    shutil.rmtree(project / "outputs", ignore_errors=True)
    commit = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm"]
    run("git", "add", "-A")
    run(*commit, "corpus")
    load = os.getloadavg()[0]
    full = run("dvc", "repro", "-q")
    full_cpu = cpu["repro"]
    run("git", "add", "-A")
    run(*commit, "built")
    _add_one(args.source, project / "raw")
    run("git", "add", "-A")
    run(*commit, "one more report")
    load_rerun = os.getloadavg()[0]
    rerun = run("dvc", "repro", "-q")
    meter.close()
    say(
        f"  dvc repro: full {full:.2f} s wall, {full_cpu:.2f} s CPU (load {load:.1f}); +1 report rerun {rerun:.2f} s "
        f"wall, {cpu['repro']:.2f} s CPU (load {load_rerun:.1f}) = {100 * rerun / full:.1f}% of the full dvc repro's "
        f"wall, {100 * cpu['repro'] / full_cpu:.1f}% of its CPU (target < 5%)"
    )


def _add_one(source: Path, raw: Path) -> None:
    """One new report: the first Factbook report under a new id (with its sidecar)."""
    report = sorted(source.glob("*.txt"))[0]
    shutil.copy(report, raw / "zz-added-report.txt")
    meta = report.with_name(report.stem + ".meta.yaml")
    if meta.exists():
        shutil.copy(meta, raw / "zz-added-report.meta.yaml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,3000,30000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (same seed, same corpus)")
    parser.add_argument("--workers", type=int, default=0, help="extraction processes (0: one per core)")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="reports to copy from")
    parser.add_argument("--work", type=Path, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    parser.add_argument(
        "--no-incremental", dest="incremental", action="store_false", help="skip the add-one-report rerun"
    )
    parser.add_argument("--report", type=Path, help="also write the printed results to this file")
    parser.add_argument(
        "--dvc", action="store_true", help="also time `dvc repro` (full, then +1 report) in a git clone of the project"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="write a pyinstrument profile of each full build into DIR (use --workers 1 to see extraction in it)",
    )
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="tipfacts-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cpu = platform.processor() or platform.machine()
    lines = [
        f"# {dt.datetime.now().isoformat(timespec='seconds')}  {platform.node()}  {cpu}, "
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, Python "
        f"{platform.python_version()}; load average before: {os.getloadavg()[0]:.2f}"
    ]
    print(lines[0], flush=True)
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            run_size(n, args, work, lines)
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.report:
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
