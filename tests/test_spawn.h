/*
 * test_spawn.h: runs the rasd binary (RASD_BIN) as a user would, for the
 * tests of its commands: standard input from a file (or /dev/null, so no
 * command waits on a terminal), standard output and error into files the
 * test reads afterwards; and `rasd serve`, up to the address it prints.
 * One copy for every command-line test, so that all of them guard against
 * a hang and report a signal the same way.
 */
#ifndef RASD_TEST_SPAWN_H
#define RASD_TEST_SPAWN_H

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RASD_BIN
#define RASD_BIN "build/rasd"
#endif

typedef struct test_spawn_opts {
    const char *in_path; /* standard input; NULL: /dev/null */
    rlim_t file_limit;   /* > 0: a disk that fills at that many bytes per file
                          * (RLIMIT_FSIZE, SIGXFSZ ignored so a write fails
                          * with EFBIG) */
    unsigned time_limit; /* seconds before the child is killed; 0: 120 */
} test_spawn_opts;

/* Starts argv (argv[0] is only a name) with its output going to out_path
 * and err_path; its process id, for a test that signals it before
 * test_spawn_wait. A run past its time limit (two minutes unless the
 * options say otherwise) is killed: a hang is a failure, not a stuck
 * suite. */
static inline pid_t test_spawn_start(const char *const *argv, const char *out_path, const char *err_path,
                                     const test_spawn_opts *opt) {
    pid_t pid = fork();
    if (pid == 0) {
        int in = open(opt && opt->in_path ? opt->in_path : "/dev/null", O_RDONLY);
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        if (opt && opt->file_limit) {
            signal(SIGXFSZ, SIG_IGN);
            struct rlimit rl = {opt->file_limit, opt->file_limit};
            setrlimit(RLIMIT_FSIZE, &rl);
        }
        alarm(opt && opt->time_limit ? opt->time_limit : 120);
        execv(RASD_BIN, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* Waits for a child of test_spawn_start: its exit status, or 128 + the
 * signal that ended it. */
static inline int test_spawn_wait(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Runs argv to its end: test_spawn_start, then test_spawn_wait. */
static inline int test_spawn(const char *const *argv, const char *out_path, const char *err_path,
                             const test_spawn_opts *opt) {
    return test_spawn_wait(test_spawn_start(argv, out_path, err_path, opt));
}

/* Starts `rasd serve` with argv (argv[0] is only a name; "--port", "0"
 * among them) and reads the address it prints first on standard output;
 * standard error goes to /dev/null. Its process id, and into *port the
 * port it listens on (0 when it printed none). time_limit > 0: killed
 * after that many seconds; 0: a server that runs until it is stopped. */
static inline pid_t test_serve_start(const char *const *argv, unsigned time_limit, unsigned *port) {
    int fds[2];
    *port = 0;
    if (pipe(fds) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        if (time_limit) alarm(time_limit);
        execv(RASD_BIN, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    char line[512] = "";
    if (f && fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "127.0.0.1:");
        if (p) *port = (unsigned)atoi(p + 10);
    }
    if (f) fclose(f);
    return pid;
}

/* The first cap - 1 bytes of a file into buf, NUL-terminated (empty when
 * the file cannot be read); the number of bytes read. */
static inline size_t test_read_into(const char *path, char *buf, size_t cap) {
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, cap - 1, f) : 0;
    buf[n] = '\0';
    if (f) fclose(f);
    return n;
}

#endif
