package dev.torsion.cred;

/** No checker of the {@link Portal} handles this kind of credentials: a configuration error. */
public class UnhandledCredentials extends LoginFailed {
    /** Creates the failure naming the credentials type that nobody handles. */
    public UnhandledCredentials(Class<?> credentialsType) {
        super("no checker handles credentials of type " + credentialsType.getSimpleName());
    }
}
