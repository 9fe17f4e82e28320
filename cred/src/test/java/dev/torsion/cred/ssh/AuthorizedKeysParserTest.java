package dev.torsion.cred.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.files.LineProblem;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuthorizedKeysParserTest {
    private final AuthorizedKeysParser parser =
            new AuthorizedKeysParser(SshPublicKeys.DEFAULT_MIN_RSA_BITS, FileLimits.DEFAULT, ZoneOffset.UTC);

    private static String line(SshKeyType type) {
        return TestKeys.line(type, TestKeys.pair(type), "user@host");
    }

    private AuthorizedKey only(String line) {
        AuthorizedKeys keys = parser.parse(List.of(line));
        assertEquals(List.of(), keys.problems());
        assertEquals(1, keys.keys().size());
        return keys.keys().get(0);
    }

    private LineProblem problem(String line) {
        AuthorizedKeys keys = parser.parse(List.of(line));
        assertEquals(List.of(), keys.keys());
        assertEquals(1, keys.problems().size());
        return keys.problems().get(0);
    }

    @Test
    void everyKeyTypeParses() {
        for (SshKeyType type : SshKeyType.values()) {
            AuthorizedKey key = only(line(type));
            assertEquals(type, key.key().type());
            assertArrayEquals(TestKeys.blob(TestKeys.pair(type)), key.key().blob());
            assertEquals("user@host", key.comment());
            assertEquals(AuthorizedKeyOptions.NONE.all(), key.options().all());
        }
    }

    @Test
    void commentsMayHaveSpacesOrBeAbsent() {
        String bare = SshKeyType.ED25519.sshName() + " "
                + Base64.getEncoder().encodeToString(TestKeys.blob(TestKeys.pair(SshKeyType.ED25519)));
        assertEquals("", only(bare).comment());
        assertEquals("my laptop key", only(bare + " my laptop key").comment());
        assertEquals("", only("   " + bare + "\t").comment(), "leading and trailing white space");
    }

    @Test
    void optionsWithQuotesCommasAndEscapes() {
        AuthorizedKey key = only("restrict,pty,command=\"echo \\\"hi, there\\\" ; ls\",from=\"192.0.2.0/24,!192.0.2.9\","
                + "environment=\"A=1\",environment=\"B=2\",permitopen=\"localhost:80\" " + line(SshKeyType.ED25519));
        AuthorizedKeyOptions options = key.options();
        assertEquals("echo \"hi, there\" ; ls", options.command().orElseThrow());
        assertEquals("192.0.2.0/24,!192.0.2.9", options.from().orElseThrow());
        assertEquals(List.of("A=1", "B=2"), options.values("environment"));
        assertEquals("localhost:80", options.value("PermitOpen").orElseThrow(), "option names ignore case");
        assertTrue(options.has("restrict"));
        assertTrue(options.allowsPty(), "pty after restrict lifts it");
        assertFalse(options.allowsPortForwarding());
        assertFalse(options.allowsAgentForwarding());
        assertFalse(options.allowsX11Forwarding());
        assertFalse(options.allowsUserRc());
    }

    @Test
    void flagsAloneAndNoFlags() {
        AuthorizedKeyOptions options = only("no-pty,no-port-forwarding " + line(SshKeyType.RSA)).options();
        assertFalse(options.allowsPty());
        assertFalse(options.allowsPortForwarding());
        assertTrue(options.allowsAgentForwarding());
        assertTrue(options.command().isEmpty());
        AuthorizedKeyOptions none = only(line(SshKeyType.RSA)).options();
        assertTrue(none.allowsPty() && none.allowsPortForwarding() && none.allowsX11Forwarding());
    }

    @Test
    void expiryTimes() {
        assertEquals(Instant.parse("2030-01-02T00:00:00Z"),
                only("expiry-time=\"20300102\" " + line(SshKeyType.ED25519)).options().expiryTime().orElseThrow());
        assertEquals(Instant.parse("2030-01-02T03:04:00Z"),
                only("expiry-time=\"203001020304\" " + line(SshKeyType.ED25519)).options().expiryTime().orElseThrow());
        assertEquals(Instant.parse("2030-01-02T03:04:05Z"),
                only("expiry-time=\"20300102030405Z\" " + line(SshKeyType.ED25519)).options().expiryTime().orElseThrow());
        AuthorizedKeysParser berlin = new AuthorizedKeysParser(2048, FileLimits.DEFAULT, ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2030-01-01T23:00:00Z"), berlin.parse(List.of("expiry-time=\"20300102\" "
                + line(SshKeyType.ED25519))).keys().get(0).options().expiryTime().orElseThrow(), "local time by default");
        assertEquals("option expiry-time: not YYYYMMDD[HHMM[SS]][Z]",
                problem("expiry-time=\"2030-01-02\" " + line(SshKeyType.ED25519)).reason());
        assertEquals("option expiry-time: not YYYYMMDD[HHMM[SS]][Z]",
                problem("expiry-time=\"20301302\" " + line(SshKeyType.ED25519)).reason());
    }

    @Test
    void malformedLinesAreReportedWithTheirReasons() {
        String ed = line(SshKeyType.ED25519);
        assertEquals("unknown option bogus", problem("bogus " + ed).reason());
        assertEquals("option command: value must be in double quotes", problem("command=ls " + ed).reason());
        assertEquals("option command: missing closing quote", problem("command=\"ls " + ed).reason());
        assertEquals("option no-pty takes no value", problem("no-pty=\"yes\" " + ed).reason());
        assertEquals("option from needs a value", problem("from " + ed).reason());
        assertEquals("option from: empty pattern", problem("from=\"\" " + ed).reason());
        assertEquals("option command given twice", problem("command=\"a\",command=\"b\" " + ed).reason());
        assertEquals("option from given twice", problem("from=\"10.*\",from=\"11.*\" " + ed).reason());
        assertEquals("cert-authority (certificate) lines are not supported", problem("cert-authority " + ed).reason());
        assertEquals("malformed options at column 7", problem("no-pty;no-x11-forwarding " + ed).reason());
        assertEquals("options but no key", problem("no-pty").reason());
        assertEquals("missing key type or key", problem("ssh-ed25519").reason());
        assertEquals("key is not valid base64", problem("ssh-ed25519 !!!notbase64 c").reason());
        assertEquals("unsupported key type ssh-dss", problem("ssh-dss AAAAB3NzaC1kc3M= c").reason());
        assertEquals("unsupported key type ssh-ed25519-cert-v01@openssh.com",
                problem("ssh-ed25519-cert-v01@openssh.com AAAA c").reason());
        String rsaBlob = Base64.getEncoder().encodeToString(TestKeys.blob(TestKeys.pair(SshKeyType.RSA)));
        assertEquals("line says ssh-ed25519 but the key is ssh-rsa", problem("ssh-ed25519 " + rsaBlob).reason());
        assertTrue(problem("ssh-ed25519 AAAA").reason().startsWith("bad ssh-ed25519 key: "));
    }

    @Test
    void goodLinesSurviveBadNeighboursWithLineNumbers() {
        AuthorizedKeys keys = parser.parse(List.of(
                "# my keys",
                line(SshKeyType.ED25519),
                "",
                "garbage",
                line(SshKeyType.ECDSA_P384),
                "ssh-rsa AAAA"));
        assertEquals(2, keys.keys().size());
        assertEquals(2, keys.keys().get(0).lineNumber());
        assertEquals(5, keys.keys().get(1).lineNumber());
        assertEquals(List.of(4, 6), keys.problems().stream().map(LineProblem::lineNumber)
                .collect(Collectors.toList()));
    }

    @Test
    void smallRsaKeysAreSkipped() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair small = generator.generateKeyPair();
        assertEquals("bad ssh-rsa key: RSA key of 1024 bits is below the minimum of 2048",
                problem(TestKeys.line(SshKeyType.RSA, small, "old")).reason());
    }

    @Test
    void limits() {
        AuthorizedKeysParser tight = new AuthorizedKeysParser(2048, new FileLimits(1 << 20, 200, 1), ZoneOffset.UTC);
        AuthorizedKeys keys = tight.parse(List.of(line(SshKeyType.ED25519), line(SshKeyType.ED25519), line(SshKeyType.RSA)));
        assertEquals(1, keys.keys().size());
        assertEquals(List.of(new LineProblem(2, "more than 1 keys"), new LineProblem(3, "longer than 200 characters")),
                keys.problems());
    }

    @Test
    void fuzzedLinesOnlyEverBecomeProblems() {
        Random random = new Random(11);
        String good = "no-pty,command=\"a \\\"b\\\" c\",from=\"10.0.0.0/8\" " + line(SshKeyType.ECDSA_P256);
        for (int round = 0; round < 3000; round++) {
            StringBuilder mutated = new StringBuilder(good);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0:
                        mutated.deleteCharAt(at);
                        break;
                    case 1:
                        mutated.insert(at, "\"\\=, !A/\t".charAt(random.nextInt(9)));
                        break;
                    default:
                        mutated.setLength(at);
                }
                if (mutated.length() == 0) {
                    mutated.append('x');
                }
            }
            AuthorizedKeys keys = parser.parse(List.of(mutated.toString()));
            assertEquals(1, keys.keys().size() + keys.problems().size() + (mutated.toString().isBlank()
                    || mutated.toString().strip().startsWith("#") ? 1 : 0));
        }
    }
}
