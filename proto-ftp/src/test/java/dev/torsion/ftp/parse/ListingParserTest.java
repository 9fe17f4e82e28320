package dev.torsion.ftp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListingParserTest {
    @Test
    void mlsd() {
        assertEquals(Optional.of(new ListingParser.Entry("a b.txt", false, 12, "20240301123456")),
                ListingParser.parseMlsd("type=file;size=12;modify=20240301123456;perm=adfrw; a b.txt"));
        assertEquals(Optional.of(new ListingParser.Entry("sub", true, -1, "")), ListingParser.parseMlsd("Type=dir;Perm=el; sub"));
        assertTrue(ListingParser.parseMlsd("type=cdir; .").isEmpty());
        assertTrue(ListingParser.parseMlsd("garbage").isEmpty());
    }

    @Test
    void lsForms() {
        // vsftpd (numeric owner), Torsion, Twisted, ProFTPD with a year, a symlink.
        assertEquals(Optional.of(new ListingParser.Entry("hi.txt", false, 3, "Dec 05 23:48")),
                ListingParser.parseLs("-rw-r--r--    1 0        0               3 Dec 05 23:48 hi.txt"));
        assertEquals(Optional.of(new ListingParser.Entry("sub dir", true, 0, "Mar 01  2024")),
                ListingParser.parseLs("drwxr-xr-x   2 ftp      ftp                 0 Mar 01  2024 sub dir"));
        assertEquals(Optional.of(new ListingParser.Entry("f", false, 5, "Jan  1 2020")),
                ListingParser.parseLs("-rw-------   1 alice alice 5 Jan  1 2020 f"));
        assertEquals(Optional.of(new ListingParser.Entry("link", false, 7, "Jun 10 10:00")),
                ListingParser.parseLs("lrwxrwxrwx 1 root root 7 Jun 10 10:00 link -> target"));
        assertTrue(ListingParser.parseLs("total 12").isEmpty());
    }
}
