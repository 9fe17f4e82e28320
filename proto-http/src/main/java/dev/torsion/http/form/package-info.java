/**
 * Request bodies a form sends: {@code application/x-www-form-urlencoded} and {@code multipart/form-data},
 * parsed with limits on the number and size of fields.
 */
package dev.torsion.http.form;
