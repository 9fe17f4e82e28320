/**
 * Choosing and making the reactor the runner runs on ({@code --reactor}: epoll, io_uring, kqueue,
 * nio), as {@code twistd --reactor}.
 */
package dev.torsion.app.reactor;
