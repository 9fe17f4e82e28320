package dev.torsion.nmea.ais;

/**
 * Where an AIS message was heard.
 *
 * @param talker the sentence's talker ({@code AI} mobile station, {@code AB} base station,
 *     {@code BS}...)
 * @param channel the VHF channel: {@code A} (161.975 MHz), {@code B} (162.025 MHz), {@code 1} or
 *     {@code 2} as some receivers write them; empty when the sentence left it out
 * @param ownVessel true for {@code VDO} (our own station's report), false for {@code VDM}
 */
public record AisOrigin(String talker, String channel, boolean ownVessel) {
}
