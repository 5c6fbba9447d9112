/*
 * test_spawn.h: runs the rasd binary (RASD_BIN) as a user would, for the
 * tests of its commands: standard input from a file (or /dev/null, so no
 * command waits on a terminal), standard output and error into files the
 * test reads afterwards. One copy for every command-line test, so that all
 * of them guard against a hang and report a signal the same way.
 */
#ifndef RASD_TEST_SPAWN_H
#define RASD_TEST_SPAWN_H

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
