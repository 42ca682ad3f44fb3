/** How Voz reaches a person: channel ids (pure domain, like the conversations). */
package org.voz.contact;
