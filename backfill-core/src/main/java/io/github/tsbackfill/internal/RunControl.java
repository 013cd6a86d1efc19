package io.github.tsbackfill.internal;

import io.github.tsbackfill.CopyResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one copy or verify process takes from the operator and gives back, through the target: every two seconds
 * a heartbeat publishes its workers in {@code __backfill.worker} and reads {@code __backfill.control} (pause,
 * workers per process, the rate for all copy processes together, shared equally among those alive). Workers ask
 * {@link #awaitTurn} before each claim. When the target cannot be reached the last settings stay in force.
 */
final class RunControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunControl.class);
    private static final long BEAT_MILLIS = 2_000;
    /** Numbers of the runs going on in this JVM: a second run at the same time is host:pid#2. */
    private static final java.util.Set<Integer> RUNNING = new java.util.TreeSet<>();

    private final Pools pools;
    private final String job;
    private final int ownParallelism;
    private final long ownRate;
    private final StopControl stop;
    private final int run;
    private final String process;
    private final String host;
    private final long pid;
    private final Throttle throttle;
    /** {@code -p auto}'s choice of workers, null with a fixed count. */
    private final AutoParallelism auto;
    private final BiConsumer<Integer, String> workersChanged;
    private int announced;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final Thread heartbeat;
    private volatile boolean paused;
    private volatile int parallelism;
    private volatile boolean closed;
    private volatile boolean drained;

    /**
     * What the process asked for: {@code parallelism} workers, or with {@code auto} as many of them as measurably
     * help; {@code maxRate} bytes per second at most, 0 for no limit; told of every change in the workers at work
     * (how many, why).
     */
    record Options(int parallelism, boolean auto, long maxRate, BiConsumer<Integer, String> workersChanged) {
    }

    RunControl(Pools pools, String job, Options options, StopControl stop) {
        this.pools = pools;
        this.job = job;
        this.ownParallelism = options.parallelism();
        this.parallelism = options.parallelism();
        this.ownRate = options.maxRate();
        this.stop = stop;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.run = claimRunNumber();
        this.process = host + ":" + pid + (run > 1 ? "#" + run : "");
        this.throttle = new Throttle(options.maxRate());
        this.workersChanged = options.workersChanged();
        this.auto = options.auto() ? new AutoParallelism(options.parallelism(), AutoParallelism.WINDOW, (n, why) ->
                announce("-p auto " + why)) : null;
        announce(auto == null ? "-p " + ownParallelism : "-p auto starts with one, up to " + ownParallelism);
        beat();
        this.heartbeat = new Thread(this::beatUntilClosed, "backfill-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    Worker worker(int number) {
        Worker worker = new Worker(process, job, number, throttle);
        workers.add(worker);
        return worker;
    }

    /** Nothing is left to claim, to retry or in progress in this run: workers held back need not wait. */
    void drained() {
        drained = true;
    }

    /**
     * Waits while the operator has paused the queue or this worker is beyond the workers allowed per process;
     * false when a stop was requested meanwhile, or, for a worker held back, once the run has nothing left.
     */
    boolean awaitTurn(Worker worker) {
        while (!stop.stopRequested()) {
            if (!paused && worker.number() <= working()) {
                return true;
            }
            if (drained) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Workers allowed to claim now: the process's own count or -p auto's choice, lowered by the queue's control. */
    private int working() {
        return auto == null ? parallelism : Math.min(parallelism, auto.workers());
    }

    private synchronized void announce(String why) {
        int now = working();
        if (now != announced || auto != null) {
            announced = now;
            workersChanged.accept(now, why);
        }
    }

    /** How many workers worked at the end, and with -p auto what was measured. */
    CopyResult.Parallelism parallelism() {
        return auto == null ? CopyResult.Parallelism.fixed(working())
                : new CopyResult.Parallelism(auto.workers(), true, auto.settled(), auto.measured());
    }

    private void beatUntilClosed() {
        while (!closed) {
            try {
                Thread.sleep(BEAT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                beat();
            }
        }
    }

    private synchronized void beat() {
        if (auto != null) {
            auto.observe(System.nanoTime(), throttle.sent(),
                    (int) workers.stream().filter(w -> w.snapshot().task() != null).count());
        }
        try (Connection target = pools.target()) {
            Record control = Sql.dsl(target).resultQuery(SqlResources.load("heartbeat.sql"), published(), process)
                    .fetchOne();
            if (control != null) {
                apply(control.get("paused", Boolean.class), control.get("parallelism", Integer.class),
                        control.get("max_rate", Long.class), control.get("other_copy_processes", Integer.class));
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("heartbeat: {}", Errors.describe(e));
        }
    }

    private void apply(boolean pause, Integer workersPerProcess, Long queueRate, int otherCopyProcesses) {
        if (pause != paused) {
            log.info(pause ? "paused by control: the chunks in progress finish, nothing new is claimed"
                    : "resumed by control");
            paused = pause;
        }
        int allowed = workersPerProcess == null ? ownParallelism : Math.min(ownParallelism, workersPerProcess);
        if (allowed != parallelism) {
            parallelism = allowed;
            announce("control: " + allowed + " worker(s) at most per process");
        }
        long share = queueRate == null ? 0 : Math.max(1, queueRate / (otherCopyProcesses + 1));
        long rate = share == 0 ? ownRate : ownRate == 0 ? share : Math.min(ownRate, share);
        if (rate != throttle.rate()) {
            log.info("rate limit: {}", rate == 0 ? "none" : rate + " bytes/s for this process");
            throttle.setRate(rate);
        }
    }

    /** The workers as JSON rows of {@code __backfill.worker}. */
    private String published() {
        return Recordset.of(workers.stream().map(Worker::snapshot).map(s -> new Row(s.id(), host, pid, job, s.task(),
                s.chunk(), text(s.started()), s.bytes(), text(s.progressed()))).toList());
    }

    /** ISO 8601, which timestamptz reads. */
    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    private record Row(String worker, String host, long pid, String job, Long task, String chunk,
                       String taskStarted, long bytes, String progressed) {
    }

    private static int claimRunNumber() {
        synchronized (RUNNING) {
            int free = 1;
            while (RUNNING.contains(free)) {
                free++;
            }
            RUNNING.add(free);
            return free;
        }
    }

    @Override
    public void close() {
        closed = true;
        heartbeat.interrupt();
        synchronized (RUNNING) {
            RUNNING.remove(run);
        }
        try (Connection target = pools.target()) {
            Sql.dsl(target).execute("DELETE FROM __backfill.worker WHERE split_part(worker, '/', 1) = {0}",
                    org.jooq.impl.DSL.val(process));
        } catch (SQLException | RuntimeException e) {
            log.debug("cannot remove this process's workers from __backfill.worker: {}", Errors.describe(e));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
