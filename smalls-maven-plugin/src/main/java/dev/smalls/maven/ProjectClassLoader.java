package dev.smalls.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * The project's compiled classes and its runtime classpath (where the JDBC driver and the
 * migrations' own dependencies come from), over the plugin's classes.
 * <p>
 * The plugin's classes come first: smalls' API ({@code SmallsMigration},
 * {@code SchemaMigration}) and Spring JDBC must be the very types the plugin's engine runs
 * the migrations with, even though the project has its own copy of smalls on its classpath.
 */
final class ProjectClassLoader extends URLClassLoader {

	static {
		ClassLoader.registerAsParallelCapable();
	}

	private ProjectClassLoader(URL[] urls, ClassLoader parent) {
		super("smalls-project", urls, parent);
	}

	/**
	 * The class loader of a project, once its dependencies are resolved.
	 * @param project the project
	 * @return the class loader, to close when done
	 * @throws MojoExecutionException if the runtime classpath is not resolved
	 */
	static ProjectClassLoader of(MavenProject project) throws MojoExecutionException {
		try {
			List<URL> urls = new ArrayList<>();
			for (String element : project.getRuntimeClasspathElements()) {
				urls.add(new File(element).toURI().toURL());
			}
			return new ProjectClassLoader(urls.toArray(URL[]::new), ProjectClassLoader.class.getClassLoader());
		}
		catch (DependencyResolutionRequiredException | MalformedURLException ex) {
			throw new MojoExecutionException("The runtime classpath of " + project.getId() + " is not resolved: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Close, ignoring a failure: the class loader only reads jars and directories.
	 */
	void release() {
		try {
			close();
		}
		catch (IOException ex) {
			// Nothing was written; an unclosed jar is released with the build's JVM.
		}
	}

}
