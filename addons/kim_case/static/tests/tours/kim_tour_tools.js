/** @odoo-module **/
// Copyright 2026 KIM NRW Projekt
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Helpers shared by the KIM tours.

/**
 * The KIM day (Europe/Berlin) plus ``days``, as the German date input
 * expects it (DD.MM.YYYY), whatever the browser's time zone: between 23:00
 * and 24:00 UTC the browser's day and the KIM day differ.
 */
export function berlinDay(days = 0) {
    const parts = Object.fromEntries(
        new Intl.DateTimeFormat("en-CA", {
            timeZone: "Europe/Berlin",
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
        })
            .formatToParts(new Date())
            .map((part) => [part.type, part.value])
    );
    const day = new Date(
        Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + days)
    );
    const dd = String(day.getUTCDate()).padStart(2, "0");
    const mm = String(day.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}.${mm}.${day.getUTCFullYear()}`;
}
