package dev.torsion.ftp.server;

/**
 * The ports passive data connections listen on (vsftpd's {@code pasv_min_port}/{@code pasv_max_port}),
 * so that a firewall can open just them.
 *
 * @param first the lowest port
 * @param last the highest port
 */
public record PortRange(int first, int last) {
    /** Checks the bounds. */
    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("bad port range " + first + "-" + last);
        }
    }

    /** Parses {@code 30000-30100} (or a single port). */
    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            if (parts.length == 1) {
                int port = Integer.parseInt(parts[0]);
                return new PortRange(port, port);
            }
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port range: " + text, e);
        }
        throw new IllegalArgumentException("bad port range: " + text);
    }

    /** How many ports the range holds. */
    public int size() {
        return last - first + 1;
    }
}
