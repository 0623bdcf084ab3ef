/** Placeholder so the module compiles before its first class lands. */
package org.openvrm;
