package dev.torsion.app.privileges;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * The few POSIX calls the runner needs to change its identity, through JNA. glibc applies
 * {@code setuid}, {@code setgid} and {@code setgroups} to every thread of the process, which is what
 * makes them safe in a JVM that already runs many threads. Calls that fail throw
 * {@link LastErrorException} carrying {@code errno}.
 */
interface Libc extends Library {
    /** The C library, loaded on first use. */
    Libc INSTANCE = Native.load("c", Libc.class);

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    int setuid(int uid) throws LastErrorException;

    int setgid(int gid) throws LastErrorException;

    int setgroups(long size, int[] groups) throws LastErrorException;

    /**
     * {@code int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)}: the
     * user's groups; returns -1 and sets {@code ngroups} to the size needed when the array is too small.
     */
    int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);

    int umask(int mask);

    int chown(String path, int owner, int group) throws LastErrorException;

    int chroot(String path) throws LastErrorException;

    int chdir(String path) throws LastErrorException;

    /** {@code struct passwd *getpwnam(const char *)}; null when there is no such user. */
    Passwd getpwnam(String name);

    /** {@code struct passwd *getpwuid(uid_t)}; null when there is no such user. */
    Passwd getpwuid(int uid);

    /** {@code struct group *getgrnam(const char *)}; null when there is no such group. */
    Group getgrnam(String name);

    /** {@code struct passwd} as glibc lays it out. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    class Passwd extends Structure {
        public String pw_name;
        public String pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public String pw_gecos;
        public String pw_dir;
        public String pw_shell;

        /** Needed by JNA to map a returned pointer. */
        public Passwd() {
        }

        /** Maps the structure at {@code pointer}. */
        public Passwd(Pointer pointer) {
            super(pointer);
            read();
        }
    }

    /** {@code struct group} as glibc lays it out. */
    @Structure.FieldOrder({"gr_name", "gr_passwd", "gr_gid", "gr_mem"})
    class Group extends Structure {
        public String gr_name;
        public String gr_passwd;
        public int gr_gid;
        public Pointer gr_mem;

        /** Needed by JNA to map a returned pointer. */
        public Group() {
        }

        /** Maps the structure at {@code pointer}. */
        public Group(Pointer pointer) {
            super(pointer);
            read();
        }
    }
}
