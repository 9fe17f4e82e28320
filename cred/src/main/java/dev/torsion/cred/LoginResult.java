package dev.torsion.cred;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A successful login, as Twisted's {@code (interface, avatar, logout)} triple: the interface the
 * avatar was made for, the avatar itself, and what to run when the session ends (run at most once).
 */
public final class LoginResult {
    private final Class<?> iface;
    private final Object avatar;
    private final Runnable logout;
    private final AtomicBoolean loggedOut = new AtomicBoolean();

    /** A login result; {@code avatar} must implement {@code iface}. */
    public LoginResult(Class<?> iface, Object avatar, Runnable logout) {
        this.iface = Objects.requireNonNull(iface, "iface");
        this.avatar = Objects.requireNonNull(avatar, "avatar");
        this.logout = Objects.requireNonNull(logout, "logout");
        if (!iface.isInstance(avatar)) {
            throw new IllegalArgumentException("avatar " + avatar.getClass().getName()
                    + " does not implement " + iface.getName());
        }
    }

    /** The interface the realm chose among those requested. */
    public Class<?> iface() {
        return iface;
    }

    /** The avatar. */
    public Object avatar() {
        return avatar;
    }

    /** The avatar as {@code type}; throws {@link ClassCastException} when it is not one. */
    public <T> T avatar(Class<T> type) {
        return type.cast(avatar);
    }

    /** Ends the session: runs the realm's logout action the first time only. */
    public void logout() {
        if (loggedOut.compareAndSet(false, true)) {
            logout.run();
        }
    }

    @Override
    public String toString() {
        return "LoginResult(" + iface.getSimpleName() + ")";
    }
}
