package dev.torsion.ssh.cipher;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Gcm} with the JDK's {@code AES/GCM/NoPadding}: the fallback when OpenSSL's libcrypto
 * cannot be used. The JDK keeps the ciphertext until the tag is checked, so a refused packet's
 * bytes are left as received; it takes the same array and offset for input and output.
 */
final class JdkGcm implements Gcm {
    private final SecretKeySpec key;
    private final Cipher cipher;

    JdkGcm(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM", e);
        }
    }

    @Override
    public CipherImplementation implementation() {
        return CipherImplementation.JDK;
    }

    private void start(int mode, byte[] nonce, byte[] buffer, int offset, int aadLength) throws GeneralSecurityException {
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(buffer, offset, aadLength);
    }

    @Override
    public void seal(byte[] nonce, byte[] buffer, int offset, int aadLength, int textLength) {
        try {
            start(Cipher.ENCRYPT_MODE, nonce, buffer, offset, aadLength);
            int text = offset + aadLength;
            cipher.doFinal(buffer, text, textLength, buffer, text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    @Override
    public boolean open(byte[] nonce, byte[] buffer, int offset, int aadLength, int textLength) {
        try {
            start(Cipher.DECRYPT_MODE, nonce, buffer, offset, aadLength);
            int text = offset + aadLength;
            cipher.doFinal(buffer, text, textLength + TAG_LENGTH, buffer, text);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
