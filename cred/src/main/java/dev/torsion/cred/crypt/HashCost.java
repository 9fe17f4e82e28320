package dev.torsion.cred.crypt;

/**
 * A rough estimate of what checking a password against a hash costs, read from the hash's own
 * parameters (rounds, cost, N, r, p), so that schemes can be ordered by cost: an unknown user must
 * cost what the costliest entry of a file costs. The figures are nanoseconds measured with libxcrypt
 * 4.4 on x86-64 (SHA-512 crypt 5000 rounds 1.6 ms, bcrypt cost 10 52 ms, yescrypt {@code j9T} 13 ms,
 * scrypt {@code CU..../....} 117 ms); only their order matters, not the absolute values.
 */
final class HashCost {
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final long SHA_CRYPT_ROUND_NANOS = 300;
    private static final int SHA_CRYPT_DEFAULT_ROUNDS = 5000;
    private static final long MD5_CRYPT_NANOS = 100_000;
    private static final long SHA1_NANOS = 1_000;
    private static final long BCRYPT_ROUND_NANOS = 50_000;
    /** Per unit of N times r (yescrypt) or N times r times p (scrypt). */
    private static final long YESCRYPT_BLOCK_NANOS = 100;
    private static final long SCRYPT_BLOCK_NANOS = 220;
    /** Debian's default yescrypt ({@code j9T}: N = 4096, r = 32), for parameters this class cannot read. */
    private static final long YESCRYPT_DEFAULT_NANOS = 4096L * 32 * YESCRYPT_BLOCK_NANOS;
    /** The most a parameter may claim (bcrypt cost 31, 2^31 rounds): beyond it is taken as this. */
    private static final int MAX_LOG2 = 31;

    private HashCost() {
    }

    /** The estimated cost of checking a password against {@code hash}, of {@code scheme}. */
    static long nanos(HashScheme scheme, String hash) {
        switch (scheme) {
            case SHA512_CRYPT:
            case SHA256_CRYPT:
                return shaCryptRounds(hash) * SHA_CRYPT_ROUND_NANOS;
            case MD5_CRYPT:
            case APR1_MD5:
                return MD5_CRYPT_NANOS;
            case HTPASSWD_SHA1:
                return SHA1_NANOS;
            case BCRYPT:
                return bcrypt(hash);
            case YESCRYPT:
                return yescrypt(hash, "$y$".length());
            case GOST_YESCRYPT:
                return yescrypt(hash, "$gy$".length());
            case SCRYPT:
                return scrypt(hash);
            default:
                throw new IllegalArgumentException("no cost known for " + scheme);
        }
    }

    /** {@code $6$rounds=N$salt$...}: N, or 5000 when absent (crypt(3) clamps to 1000..999999999). */
    private static long shaCryptRounds(String hash) {
        String prefix = hash.substring(0, 3) + "rounds=";
        if (!hash.startsWith(prefix)) {
            return SHA_CRYPT_DEFAULT_ROUNDS;
        }
        int end = hash.indexOf('$', prefix.length());
        try {
            long rounds = Long.parseLong(hash.substring(prefix.length(), end < 0 ? hash.length() : end));
            return Math.max(1000, Math.min(rounds, 999_999_999L));
        } catch (NumberFormatException e) {
            return SHA_CRYPT_DEFAULT_ROUNDS;
        }
    }

    /** {@code $2b$CC$...}: 2^CC rounds of the expensive key setup. */
    private static long bcrypt(String hash) {
        int start = hash.indexOf('$', 1) + 1;
        if (start <= 0 || hash.length() < start + 2) {
            return BCRYPT_ROUND_NANOS << 10;
        }
        try {
            int cost = Integer.parseInt(hash.substring(start, start + 2));
            return BCRYPT_ROUND_NANOS << Math.max(4, Math.min(cost, MAX_LOG2));
        } catch (NumberFormatException e) {
            return BCRYPT_ROUND_NANOS << 10;
        }
    }

    /**
     * {@code $y$FNR$...}: after the flags character, N's log2 minus one and r minus one, each one
     * character of the crypt alphabet when small (yescrypt's {@code encode64_uint32}); larger values
     * take more characters, which this estimate does not read: it then takes Debian's default.
     */
    private static long yescrypt(String hash, int paramsStart) {
        if (hash.length() < paramsStart + 3) {
            return YESCRYPT_DEFAULT_NANOS;
        }
        int nLog2 = ITOA64.indexOf(hash.charAt(paramsStart + 1)) + 1;
        int r = ITOA64.indexOf(hash.charAt(paramsStart + 2)) + 1;
        // One-character values of encode64_uint32 with a minimum of 1 run up to 47.
        if (nLog2 < 1 || nLog2 > 47 || r < 1 || r > 47 || nLog2 > MAX_LOG2) {
            return YESCRYPT_DEFAULT_NANOS;
        }
        return saturatedProduct(1L << nLog2, r, YESCRYPT_BLOCK_NANOS);
    }

    /** {@code $7$NrrrrrPPPPP...}: N's log2 in one character, r and p in five each (little endian). */
    private static long scrypt(String hash) {
        int start = "$7$".length();
        if (hash.length() < start + 11) {
            return SCRYPT_BLOCK_NANOS << 19;
        }
        int nLog2 = ITOA64.indexOf(hash.charAt(start));
        long r = decode30(hash, start + 1);
        long p = decode30(hash, start + 6);
        if (nLog2 < 1 || nLog2 > MAX_LOG2 || r < 1 || p < 1) {
            return SCRYPT_BLOCK_NANOS << 19;
        }
        return saturatedProduct(1L << nLog2, r * p, SCRYPT_BLOCK_NANOS);
    }

    private static long decode30(String hash, int start) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int digit = ITOA64.indexOf(hash.charAt(start + i));
            if (digit < 0) {
                return -1;
            }
            value |= (long) digit << (6 * i);
        }
        return value;
    }

    private static long saturatedProduct(long a, long b, long c) {
        try {
            return Math.multiplyExact(Math.multiplyExact(a, b), c);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
